package io.enginebench.pipeline.quality;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LegacyRunRules}: each known defect of the older harness's files is found, and a sound file has none. */
class LegacyRunRulesTest {
    /** A sound file: 10 requests, all with tokens, metrics that moved, prompts as long as the label says. */
    private static LegacyRunFacts sound() {
        return new LegacyRunFacts("u1", "legacy/a.json", "throughput", null, true, 10, 0, 0, 0, 0, 5, false, 100,
                80.0, false);
    }

    private static List<String> rules(LegacyRunFacts f) {
        return LegacyRunRules.check(f).stream().map(Finding::rule).toList();
    }

    @Test
    void aSoundFileHasNoFinding() {
        assertThat(LegacyRunRules.check(sound())).isEmpty();
    }

    @Test
    void everyDefectOfOneFileIsReportedWithItsSeverity() {
        LegacyRunFacts f = new LegacyRunFacts("u2", "legacy/b.json", "structured_json", "ngram", false, 10, 10, 3, 2,
                1, 6, true, 1000, 100.0, true);

        List<Finding> found = LegacyRunRules.check(f);

        assertThat(found).extracting(Finding::rule).containsExactly(Rules.ALL_ZERO_TOKENS, Rules.OK_ZERO_TOKENS,
                Rules.FAILED_REQUESTS, Rules.FAILED_EMPTY_ERROR, Rules.SPEC_TOKENS_ARE_CHUNKS,
                Rules.ENGINE_METRICS_ALL_ZERO, Rules.PROMPT_SHORTER_THAN_LABEL, Rules.JSON_SCHEMA_NOT_SENT,
                Rules.MISSING_RUN_METADATA);
        assertThat(found).allSatisfy(x -> {
            assertThat(x.runUid()).isEqualTo("u2");
            assertThat(x.sourcePath()).isEqualTo("legacy/b.json");
            assertThat(x.scope()).isEqualTo(FindingScope.RUN);
        });
        assertThat(found).extracting(Finding::severity).containsExactly(Finding.ERROR, Finding.WARNING,
                Finding.WARNING, Finding.WARNING, Finding.WARNING, Finding.WARNING, Finding.WARNING, Finding.WARNING,
                Finding.INFO);
        assertThat(found.get(1).detail()).isEqualTo("3 of 10 requests counted as successful produced 0 output tokens");
        assertThat(found.get(4).detail()).startsWith("speculative decoding (ngram)");
        assertThat(found.get(6).detail())
                .isEqualTo("scenario claims ~1000 prompt tokens; median prompt is 100 words (~133 tokens)");
    }

    @Test
    void promptsShorterThanHalfTheLabelAreFoundAndNoOthers() {
        // 375 words ≈ 500 tokens: exactly half of a 1000-token label is still accepted
        LegacyRunFacts atHalf = new LegacyRunFacts("u", "p", "s", null, true, 10, 0, 0, 0, 0, 0, false, 1000, 375.0,
                false);
        LegacyRunFacts belowHalf = new LegacyRunFacts("u", "p", "s", null, true, 10, 0, 0, 0, 0, 0, false, 1000,
                374.0, false);
        LegacyRunFacts noLabel = new LegacyRunFacts("u", "p", "s", null, true, 10, 0, 0, 0, 0, 0, false, null, 1.0,
                false);

        assertThat(rules(atHalf)).isEmpty();
        assertThat(rules(belowHalf)).containsExactly(Rules.PROMPT_SHORTER_THAN_LABEL);
        assertThat(rules(noLabel)).isEmpty();
    }

    @Test
    void emptyFilesAndMissingTimelinesAreNotZeroFindings() {
        LegacyRunFacts empty = new LegacyRunFacts("u", "p", "s", null, true, 0, 0, 0, 0, 0, 0, true, null, null,
                false);

        assertThat(rules(empty)).isEmpty();
    }
}
