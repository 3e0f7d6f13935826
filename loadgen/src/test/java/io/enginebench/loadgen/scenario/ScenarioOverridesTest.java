package io.enginebench.loadgen.scenario;

import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioOverridesTest {
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();

    @Test
    void catalogueHoldsEveryScenario() {
        assertThat(catalog.all()).extracting(Scenario::name).contains("single_request_latency", "throughput_ramp",
                "throughput_ramp_extended", "long_context_stress", "prefix_sharing_benefit",
                "structured_generation_speed", "decode_length_sweep_64", "decode_length_sweep_256",
                "decode_length_sweep_1024", "decode_length_sweep_4096", "rate_sweep", "slo_search");
        Scenario sweep = catalog.get("decode_length_sweep_1024");
        assertThat(sweep.load().concurrency()).containsExactly(4, 8, 16);
        assertThat(sweep.ignoreEos()).isTrue();
        assertThat(sweep.maxTokens()).isEqualTo(1024);
        assertThat(catalog.get("prefix_sharing_benefit").arms()).extracting(Arm::name).containsExactly("unique", "shared");
        assertThat(catalog.get("structured_generation_speed").arms()).extracting(Arm::structured).containsExactly(false, true);
        assertThat(catalog.all()).allMatch(s -> s.warmup() == 5);
    }

    @Test
    void overridesReplaceOnlyWhatIsGiven() {
        Scenario base = catalog.get("throughput_ramp");
        Scenario s = new ScenarioOverrides(20, List.of(2, 4), null, 64, "long_document", 3, null, 9L, null)
                .applyTo(base);
        assertThat(s.load().requestsPerLevel()).isEqualTo(20);
        assertThat(s.load().concurrency()).containsExactly(2, 4);
        assertThat(s.maxTokens()).isEqualTo(64);
        assertThat(s.promptPack()).isEqualTo("long_document");
        assertThat(s.iterations()).isEqualTo(3);
        assertThat(s.seed()).isEqualTo(9L);
        assertThat(s.warmup()).isEqualTo(base.warmup());
        assertThat(s.targetInputTokens()).isEqualTo(base.targetInputTokens());
        assertThat(s.toJson().get("load").get("concurrency").toString()).isEqualTo("[2,4]");
        assertThat(ScenarioOverrides.none().applyTo(base)).isEqualTo(base);
    }

    @Test
    void openLoopOverrides() {
        Scenario s = new ScenarioOverrides(null, List.of(8), List.of(3.0, 6.0), null, null, null, 0, null, 30.0)
                .applyTo(catalog.get("rate_sweep"));
        assertThat(s.load().rates()).containsExactly(3.0, 6.0);
        assertThat(s.load().concurrencyCap()).isEqualTo(8);
        assertThat(s.load().durationSeconds()).isEqualTo(30.0);
        assertThat(s.warmup()).isZero();
        Scenario slo = new ScenarioOverrides(null, null, List.of(5.0), null, null, null, null, null, null)
                .applyTo(catalog.get("slo_search"));
        assertThat(slo.load().startRate()).isEqualTo(5.0);
    }

    @Test
    void badOverridesAreUserErrors() {
        Scenario ramp = catalog.get("throughput_ramp");
        assertThatThrownBy(() -> new ScenarioOverrides(0, null, null, null, null, null, null, null, null).applyTo(ramp))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("--requests");
        assertThatThrownBy(() -> new ScenarioOverrides(null, null, List.of(2.0), null, null, null, null, null, null)
                .applyTo(ramp)).isInstanceOf(UserFacingException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> catalog.get("nope")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("unknown scenario");
    }

    @Test
    void closedLoopLevelsAreSizedByTheirConcurrency() {
        LoadSpec ramp = new ScenarioOverrides(8, null, null, null, null, null, null, null, null)
                .applyTo(ScenarioCatalog.standard().get("throughput_ramp")).load();
        assertThat(ramp.requestsPerLevel()).isEqualTo(8);
        assertThat(ramp.concurrency().stream().map(ramp::measuredAt).toList())
                .containsExactly(16, 32, 64, 128, 256, 512, 1024);
        LoadSpec single = ScenarioCatalog.standard().get("single_request_latency").load();
        assertThat(single.measuredAt(1)).isEqualTo(50);
    }
}
