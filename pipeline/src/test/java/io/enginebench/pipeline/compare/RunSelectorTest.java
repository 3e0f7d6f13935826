package io.enginebench.pipeline.compare;

import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSelectorTest {
    @Test
    void shortcutsBecomeQuotedPredicatesAndAnythingElseIsSql() {
        assertThat(RunSelector.parse("variant:vllm version:0.6.3").predicate())
                .isEqualTo("coalesce(engine_variant, engine) = 'vllm' AND engine_version = '0.6.3'");
        assertThat(RunSelector.parse("runs:a,b").predicate())
                .isEqualTo("(run_uid IN ('a', 'b') OR run_id IN ('a', 'b'))");
        assertThat(RunSelector.parse("date:2026-11-01..").predicate())
                .isEqualTo("(to_date(timestamp) >= DATE '2026-11-01')");
        assertThat(RunSelector.parse("model:o'brien").predicate()).contains("'o\\'brien'");
        assertThat(RunSelector.parse("engine = 'vllm' AND NOT simulated").predicate())
                .isEqualTo("(engine = 'vllm' AND NOT simulated)");
        // a token that is not a known shortcut makes the whole text SQL
        assertThat(RunSelector.parse("variant:vllm OR true").predicate()).isEqualTo("(variant:vllm OR true)");
    }

    @Test
    void badDatesAndEmptySelectorsAreUserErrors() {
        assertThatThrownBy(() -> RunSelector.parse("date:yesterday")).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> RunSelector.parse(" ")).isInstanceOf(UserFacingException.class);
    }
}
