package io.enginebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import org.junit.jupiter.api.Test;

/** The demo shrinks sample sizes only: labels stay true. */
class DemoPlanTest {

    @Test
    void structuredScenarioKeepsRoomForTheSchema() {
        // a schema-valid answer of the structured pack runs to ~130 tokens: a cap below that cuts every long one
        Scenario structured = ScenarioCatalog.standard().get("structured_generation_speed");
        assertThat(DemoCommand.DemoPlan.reduce(structured).maxTokens()).isEqualTo(structured.maxTokens());
        Scenario ramp = ScenarioCatalog.standard().get("throughput_ramp");
        assertThat(DemoCommand.DemoPlan.reduce(ramp).maxTokens()).isLessThan(ramp.maxTokens());
    }
}
