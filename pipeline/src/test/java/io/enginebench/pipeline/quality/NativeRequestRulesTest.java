package io.enginebench.pipeline.quality;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.RowBuilder;
import io.enginebench.pipeline.warehouse.Tables;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link NativeRequestRules}: usage, per-chunk token, outcome and prompt-length checks over measured requests. */
class NativeRequestRulesTest {
    private static final Map<String, String> PATHS = Map.of("clean", "raw/clean", "dirty", "raw/dirty");

    /** A measured ok request whose usage matches its exact chunk tokens (3 + 2 = 5) and whose prompt has 100 tokens. */
    private static RowBuilder request(String run, int index) {
        return new RowBuilder(Tables.REQUESTS_SCHEMA).set("run_uid", run).set("run_id", run).set("source", "native")
                .set("request_index", (long) index).set("phase", "measured").set("level_index", 0)
                .set("max_tokens", 8).set("ignore_eos", false).set("structured_mode", "none").set("scheduled_ns", 0L)
                .set("chunk_offsets_ns", List.of(10L, 20L)).set("chunk_tokens", List.of(3, 2))
                .set("chunk_tokens_exact", true).set("usage_reported", true).set("prompt_tokens", 100)
                .set("completion_tokens", 5).set("outcome", "ok");
    }

    private static List<Finding> check(List<Row> rows, Map<String, Integer> labels) {
        return NativeRequestRules.check(SharedSpark.get().createDataFrame(rows, Tables.REQUESTS_SCHEMA), labels,
                PATHS);
    }

    @Test
    void aRunThatMatchesItsLabelAndUsageHasNoFinding() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) rows.add(request("clean", i).build());
        // 115 tokens is within 20 % of the label
        rows.add(request("clean", 4).set("prompt_tokens", 115).build());
        // inexact chunk tokens are never compared with usage
        rows.add(request("clean", 5).set("chunk_tokens_exact", false).set("completion_tokens", 9).build());

        assertThat(check(rows, Map.of("clean", 100))).isEmpty();
    }

    @Test
    void eachRequestDefectIsCountedOverMeasuredRequestsOnly() {
        List<Row> rows = new ArrayList<>();
        rows.add(request("dirty", 0).set("prompt_tokens", 50).build());
        rows.add(request("dirty", 1).set("prompt_tokens", 50).set("usage_reported", false).build());
        rows.add(request("dirty", 2).set("prompt_tokens", 50).set("completion_tokens", 7).build());
        rows.add(request("dirty", 3).set("prompt_tokens", 50).set("outcome", "timeout").build());
        // warm-up requests are not measured: none of their defects counts
        rows.add(request("dirty", 4).set("phase", "warmup").set("usage_reported", false).set("outcome", "timeout")
                .build());
        rows.add(request("clean", 0).build());

        List<Finding> found = check(rows, Map.of("dirty", 100, "clean", 100));

        assertThat(found).extracting(Finding::rule).containsExactly(Rules.USAGE_NOT_REPORTED,
                Rules.USAGE_CHUNK_MISMATCH, Rules.FAILED_REQUESTS, Rules.PROMPT_TOKENS_OFF_LABEL);
        assertThat(found).allSatisfy(f -> {
            assertThat(f.runUid()).isEqualTo("dirty");
            assertThat(f.sourcePath()).isEqualTo("raw/dirty");
            assertThat(f.severity()).isEqualTo(Finding.WARNING);
        });
        assertThat(found).extracting(Finding::detail).containsExactly(
                "1 of 4 requests had no usage from the server: completion_tokens is the content-chunk count",
                "1 of 4 requests: usage completion_tokens differs from the sum of exact per-chunk tokens",
                "1 of 4 measured requests did not end ok",
                "scenario asks for ~100 prompt tokens; the engine counted a median of 50");
    }

    @Test
    void withoutALabelPromptLengthIsNotJudged() {
        List<Row> rows = List.of(request("dirty", 0).set("prompt_tokens", 5).build());

        assertThat(check(rows, Map.of())).isEmpty();
    }
}
