package io.enginebench.loadgen.run;

import io.enginebench.loadgen.scenario.LatencyObjective;
import io.enginebench.trace.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SloSearchTest {
    private static final LatencyObjective SLO = new LatencyObjective(200, 40);

    /** n requests whose TTFT (scheduled) is normal(mean, sd) and TPOT normal(30, 2), from a fixed seed. */
    private static SloSearch.Sample sample(double ttftMean, double ttftSd, int n, long seed) {
        Random r = new Random(seed);
        double[] ttft = new double[n];
        double[] tpot = new double[n];
        for (int i = 0; i < n; i++) {
            ttft[i] = ttftMean + ttftSd * r.nextGaussian();
            tpot[i] = 30 + 2 * r.nextGaussian();
        }
        return new SloSearch.Sample(ttft, tpot, n, 0);
    }

    @Test
    void growsThenBisectsToTheCapacityWithConfidentBounds() {
        double capacity = 13.0;   // a pretend engine meets the SLO clearly up to 13 req/s and misses it clearly above
        SloSearch s = new SloSearch(SLO, 1.0, 20, 0.05);
        long seed = 1;
        while (!s.done()) {
            s.record(s.nextRate() <= capacity ? sample(150, 10, 60, seed++) : sample(400, 20, 60, seed++));
        }
        assertThat(s.bestRate()).isLessThanOrEqualTo(capacity).isGreaterThan(capacity * 0.95);
        assertThat(s.probes().subList(0, 5)).extracting(SloSearch.Probe::rate).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0);
        assertThat(s.probes()).allMatch(SloSearch.Probe::confident);
        assertThat(s.probes()).allSatisfy(p -> assertThat(p.ttftSchedP90LowMs())
                .isLessThanOrEqualTo(p.ttftSchedP90Ms()).isLessThanOrEqualTo(p.ttftSchedP90HighMs()));
        var json = s.resultJson();
        assertThat(json.get("sustainable_rate_low").asDouble()).isEqualTo(s.bestRate());
        assertThat(json.get("sustainable_rate_high").asDouble()).isGreaterThan(capacity)
                .isEqualTo(json.get("last_failing_rate").asDouble());
        assertThat(json.get("confidence").asDouble()).isEqualTo(0.95);
        assertThat(json.get("latency_basis").asText()).isEqualTo("scheduled");
        assertThat(json.get("probe_log").get(0).has("ttft_sched_p90_high_ms")).isTrue();
        assertThat(json.get("statement").asText()).contains("sustainable rate between", "95 %", "scheduled send");
    }

    @Test
    void shrinksWhenTheFirstProbeFailsAndRespectsTheBudget() {
        SloSearch s = new SloSearch(SLO, 10.0, 3, 0.05);
        long seed = 1;
        while (!s.done()) s.record(sample(500, 20, 40, seed++));
        assertThat(s.probes()).extracting(SloSearch.Probe::rate).containsExactly(10.0, 5.0, 2.5);
        assertThat(s.bestRate()).isNull();
        var json = s.resultJson();
        assertThat(json.get("sustainable_rate_low").isNull()).isTrue();
        assertThat(json.get("sustainable_rate_high").asDouble()).isEqualTo(2.5);
        assertThat(json.get("statement").asText()).contains("no probed rate");
    }

    @Test
    void aProbeWhoseIntervalStraddlesTheSloIsRepeatedWithPooledSamplesThenDecidedWithoutConfidence() {
        SloSearch s = new SloSearch(SLO, 4.0, 20, 0.05);
        // p90 right at the SLO with a wide spread: neither bound decides
        s.record(sample(140, 45, 40, 3));
        assertThat(s.probes().get(0).verdict()).isEqualTo("inconclusive");
        assertThat(s.nextRate()).isEqualTo(4.0);
        s.record(sample(140, 45, 40, 4));
        assertThat(s.probes().get(1).samples()).as("pooled").isEqualTo(80);
        assertThat(s.nextRate()).isEqualTo(4.0);
        s.record(sample(140, 45, 40, 5));
        SloSearch.Probe last = s.probes().get(2);
        assertThat(last.repeat()).isEqualTo(SloSearch.MAX_REPEATS);
        assertThat(last.samples()).isEqualTo(120);
        assertThat(last.verdict()).isEqualTo("inconclusive");
        assertThat(last.confident()).isFalse();
        assertThat(last.ttftSchedP90LowMs()).isLessThanOrEqualTo(200.0);
        assertThat(last.ttftSchedP90HighMs()).isGreaterThan(200.0);
        assertThat(s.nextRate()).as("decided by the point estimate, the search moves on").isNotEqualTo(4.0);
        assertThat(s.resultJson().get("sustainable_rate_low").isNull()).as("not a confident pass").isTrue();
    }

    @Test
    void sameSamplesGiveTheSameIntervals() {
        SloSearch a = new SloSearch(SLO, 4.0, 5, 0.05);
        SloSearch b = new SloSearch(SLO, 4.0, 5, 0.05);
        a.record(sample(150, 30, 50, 9));
        b.record(sample(150, 30, 50, 9));
        assertThat(a.resultJson()).isEqualTo(b.resultJson());
    }

    @Test
    void moreThanOnePercentFailedFails() {
        SloSearch s = new SloSearch(SLO, 4.0, 5, 0.05);
        SloSearch.Sample ok = sample(50, 5, 50, 1);
        s.record(new SloSearch.Sample(ok.ttftSchedMs(), ok.tpotMs(), 50, 2));
        assertThat(s.probes().get(0).verdict()).isEqualTo("fail");
        assertThat(s.probes().get(0).confident()).isTrue();
    }

    @Test
    void judgesTtftFromTheScheduledSend() {
        // every request waited 250 ms for the cap: 50 ms from the send, 300 ms from the schedule; SLO p90 200 ms
        long ms = 1_000_000;
        List<RequestRecord> rs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long sched = i * 100 * ms;
            long sent = sched + 250 * ms;
            rs.add(new RequestRecord("r", i, "measured", 0, 1, 4.0, null, "p", "c", "completions", 100, 0, false,
                    "none", sched, sent, sent, sent + 50 * ms, sent + 50 * ms, sent + 140 * ms, sent + 140 * ms,
                    List.of(), List.of(), false, "sha", 10, 10, null, true, 10, 10, "stop", "ok", 200, null, null,
                    250 * ms));
        }
        SloSearch s = new SloSearch(SLO, 4.0, 5, 0.05);
        s.record(rs);
        SloSearch.Probe p = s.probes().get(0);
        assertThat(p.ttftSchedP90Ms()).isEqualTo(300.0);
        assertThat(p.verdict()).isEqualTo("fail");
        assertThat(s.nextRate()).isEqualTo(2.0);
    }
}
