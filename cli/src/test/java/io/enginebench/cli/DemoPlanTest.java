package io.enginebench.cli;

import io.enginebench.loadgen.scenario.LoadKind;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo shrinks sample sizes and level counts only: labels stay true. */
class DemoPlanTest {
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();

    @Test
    void structuredScenarioKeepsRoomForTheSchema() {
        // a schema-valid answer of the structured pack runs to ~130 tokens: a cap below that cuts every long one
        Scenario structured = catalog.get("structured_generation_speed");
        assertThat(DemoPlan.reduceFull(structured).maxTokens()).isEqualTo(structured.maxTokens());
        Scenario ramp = catalog.get("throughput_ramp");
        assertThat(DemoPlan.reduceFull(ramp).maxTokens()).isLessThan(ramp.maxTokens());
    }

    @Test
    void quickPlanKeepsTheScenariosOwnPerSlotFloorAndFewStreams() {
        DemoPlan plan = DemoPlan.quick(catalog, null, null, null, null);
        assertThat(plan.presets()).hasSize(1);
        for (DemoPlan.Cell cell : plan.cells()) {
            Scenario s = cell.scenario();
            Scenario original = catalog.get(s.name());
            assertThat(s.load().requestsPerSlot()).isEqualTo(original.load().requestsPerSlot());
            if (s.load().kind() == LoadKind.CLOSED) {
                assertThat(s.load().concurrency()).allMatch(c -> c <= 4);
            } else {
                // a Poisson level of 60 requests lands within 10 % of its rate with high probability
                assertThat(s.load().requestsPerLevel()).isGreaterThanOrEqualTo(60);
            }
            if (s.ignoreEos()) assertThat(s.maxTokens()).isEqualTo(original.maxTokens());
        }
        assertThat(plan.runCount()).isEqualTo((5 * 2 + 2) * DemoPlan.QUICK_ITERATIONS);
    }

    @Test
    void fullPlanRunsEveryScenarioOnBothPresets() {
        DemoPlan plan = DemoPlan.full(catalog, null, null, null, null);
        assertThat(plan.presets()).hasSize(2);
        assertThat(plan.cells().stream().map(c -> c.scenario().name()).distinct().toList())
                .isEqualTo(catalog.all().stream().map(Scenario::name).toList());
    }

    @Test
    void quickPlanRefusesAScenarioItDoesNotRun() {
        assertThatThrownBy(() -> DemoPlan.quick(catalog, List.of("long_context_stress"), null, null, null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("--full");
    }
}
