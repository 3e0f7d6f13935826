package io.enginebench.pipeline.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ModelRules}: a run without a model name is found; a named model is not. */
class ModelRulesTest {
    @Test
    void missingOrBlankModelsAreUnknown() {
        assertThat(ModelRules.unknownModel("u", "p", null)).hasValueSatisfying(f -> {
            assertThat(f.rule()).isEqualTo(Rules.MODEL_UNKNOWN);
            assertThat(f.severity()).isEqualTo(Finding.WARNING);
            assertThat(f.runUid()).isEqualTo("u");
            assertThat(f.sourcePath()).isEqualTo("p");
            assertThat(f.detail()).contains("left out of cell_summary");
        });
        assertThat(ModelRules.unknownModel("u", "p", "  \t")).isPresent();
    }

    @Test
    void aNamedModelIsKnown() {
        assertThat(ModelRules.unknownModel("u", "p", "meta-llama/Llama-3.1-8B-Instruct")).isEmpty();
    }
}
