package io.enginebench.loadgen.run;

import io.enginebench.loadgen.scenario.Slo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SloSearchTest {

    @Test
    void growsThenBisectsToTheCapacity() {
        double capacity = 13.0;   // a pretend engine meets the SLO up to 13 req/s
        SloSearch s = new SloSearch(new Slo(200, 40), 1.0, 20, 0.05);
        while (!s.done()) {
            boolean pass = s.nextRate() <= capacity;
            s.record(pass, pass ? 150 : 400, 30, 0);
        }
        assertThat(s.bestRate()).isLessThanOrEqualTo(capacity).isGreaterThan(capacity * 0.95);
        // 1,2,4,8,16 then bisection between 8 and 16
        assertThat(s.probes().subList(0, 5)).extracting(SloSearch.Probe::rate).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0);
        assertThat(s.probes().size()).isLessThan(20);
        var json = s.resultJson();
        assertThat(json.get("last_failing_rate").asDouble()).isGreaterThan(capacity);
        assertThat(json.get("statement").asText()).contains("meets the SLO");
    }

    @Test
    void shrinksWhenTheFirstProbeFailsAndRespectsTheBudget() {
        SloSearch s = new SloSearch(new Slo(200, 40), 10.0, 3, 0.05);
        while (!s.done()) s.record(false, 500, 80, 0);
        assertThat(s.probes()).extracting(SloSearch.Probe::rate).containsExactly(10.0, 5.0, 2.5);
        assertThat(s.bestRate()).isNull();
        assertThat(s.resultJson().get("statement").asText()).contains("no probed rate");
    }
}
