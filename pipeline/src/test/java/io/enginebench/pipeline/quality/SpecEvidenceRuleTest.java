package io.enginebench.pipeline.quality;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.trace.EngineMetricNames;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpecEvidenceRuleTest {
    private static final StructType RUNS = StructType.fromDDL(
            "run_uid string, source_path string, engine_variant string, spec_method string");
    private static final StructType METRICS = StructType.fromDDL(
            "run_uid string, t_ns bigint, source string, name string, raw_name string, labels string, value double");

    private final List<Row> runs = new ArrayList<>();
    private final List<Row> metrics = new ArrayList<>();

    private void run(String uid, String variant, String method) {
        runs.add(RowFactory.create(uid, "runs/" + uid, variant, method));
    }

    private void sample(String uid, long t, String name, double value) {
        metrics.add(RowFactory.create(uid, t, "prometheus", name, name, "", value));
    }

    private List<String> flagged() {
        Dataset<Row> r = SharedSpark.get().createDataFrame(runs, RUNS);
        Dataset<Row> m = SharedSpark.get().createDataFrame(metrics, METRICS);
        List<Finding> out = SpecEvidenceRule.check(r, m);
        assertThat(out).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rules.SPEC_UNVERIFIED);
            assertThat(f.sourcePath()).isEqualTo("runs/" + f.runUid());
        });
        return out.stream().map(Finding::runUid).sorted().toList();
    }

    @Test
    void speculativeLabelsNeedTheEnginesOwnDraftingFigures() {
        // vLLM counters that rise: verified
        run("counted", "vllm-ngram", "ngram");
        sample("counted", 1, EngineMetricNames.SPEC_DRAFT_TOKENS, 100);
        sample("counted", 2, EngineMetricNames.SPEC_DRAFT_TOKENS, 400);
        // counters exported but flat over the run: the engine drafted nothing
        run("flat", "vllm-eagle3", "eagle3");
        sample("flat", 1, EngineMetricNames.SPEC_DRAFT_TOKENS, 50);
        sample("flat", 2, EngineMetricNames.SPEC_DRAFT_TOKENS, 50);
        sample("flat", 1, EngineMetricNames.SPEC_ACCEPTED_TOKENS, 20);
        sample("flat", 2, EngineMetricNames.SPEC_ACCEPTED_TOKENS, 20);
        // SGLang: gauges only; a positive acceptance length verifies, zeros do not
        run("gauge", "sglang-eagle3", null);
        sample("gauge", 1, EngineMetricNames.SPEC_ACCEPT_LENGTH, 0);
        sample("gauge", 2, EngineMetricNames.SPEC_ACCEPT_LENGTH, 2.4);
        run("zeros", "sglang-ngram", null);
        sample("zeros", 1, EngineMetricNames.SPEC_ACCEPT_LENGTH, 0);
        sample("zeros", 2, EngineMetricNames.SPEC_ACCEPT_RATE, 0);
        // a variant named speculative whose engine exported nothing about it
        run("silent", "sim-vllm-ngram", null);
        sample("silent", 1, EngineMetricNames.KV_CACHE_USAGE, 0.3);
        // not speculative: never flagged, whatever it reports
        run("plain", "vllm", null);
        run("plainsg", "sglang", null);

        assertThat(flagged()).containsExactly("flat", "silent", "zeros");
    }

    @Test
    void theLabelComesFromSpecMethodOrTheVariantsName() {
        assertThat(SpecEvidenceRule.claimsSpeculation("ngram", "vllm")).isTrue();
        assertThat(SpecEvidenceRule.claimsSpeculation(null, "sglang-eagle3")).isTrue();
        assertThat(SpecEvidenceRule.claimsSpeculation(null, "sim-vllm-ngram")).isTrue();
        assertThat(SpecEvidenceRule.claimsSpeculation(null, "vllm")).isFalse();
        assertThat(SpecEvidenceRule.claimsSpeculation(null, "sglang")).isFalse();
        assertThat(SpecEvidenceRule.claimsSpeculation("", null)).isFalse();
    }
}
