package io.enginebench.pipeline.quality;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.RowBuilder;
import io.enginebench.pipeline.warehouse.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LabelRules}: each label rule fires on a level or arm that missed its label, and only there. */
class LabelRulesTest {
    private static final long S = 1_000_000_000L;
    private static final Map<String, String> PATHS = Map.of("closed", "raw/closed", "open", "raw/open",
            "structured", "raw/structured", "eos", "raw/eos");

    /** A measured ok request of {@code run} sent at {@code sentNs} and completed {@code busyNs} later. */
    private static RowBuilder request(String run, int index, Integer level, Integer concurrency, Double rate,
                                      long sentNs, long busyNs) {
        return new RowBuilder(Tables.REQUESTS_SCHEMA).set("run_uid", run).set("run_id", run).set("source", "native")
                .set("request_index", (long) index).set("phase", "measured").set("level_index", level)
                .set("concurrency", concurrency).set("target_rate", rate).set("max_tokens", 256)
                .set("ignore_eos", false).set("structured_mode", "none").set("scheduled_ns", sentNs)
                .set("sent_ns", sentNs).set("completed_ns", sentNs + busyNs).set("completion_tokens", 100)
                .set("finish_reason", "stop").set("outcome", "ok");
    }

    private static List<Finding> check(List<Row> rows) {
        Dataset<Row> requests = SharedSpark.get().createDataFrame(rows, Tables.REQUESTS_SCHEMA);
        return LabelRules.check(requests, PATHS);
    }

    private static List<Finding> of(List<Finding> all, String rule) {
        return all.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void closedLoopLevelsBelowTheirLabelAreFound() {
        List<Row> rows = new ArrayList<>();
        int i = 0;
        // level 0, label 4: 8 requests, 4 in flight at all times (two waves of 1 s) -> achieved 4
        for (int q = 0; q < 8; q++) rows.add(request("closed", i++, 0, 4, null, (q / 4) * S, S).build());
        // level 1, label 4: 8 requests one after the other -> achieved 1
        for (int q = 0; q < 8; q++) rows.add(request("closed", i++, 1, 4, null, 10 * S + q * S, S).build());
        // level 2, label 64: only 8 requests, all at once -> achieved 8, fewer requests than the label
        for (int q = 0; q < 8; q++) rows.add(request("closed", i++, 2, 64, null, 30 * S, S).build());
        // a failed request holds its slot while in flight: level 3, label 2, one ok and one timed-out in parallel
        rows.add(request("closed", i++, 3, 2, null, 40 * S, S).build());
        rows.add(request("closed", i++, 3, 2, null, 40 * S, S).set("outcome", "timeout").build());
        // warm-up requests are not part of the level
        rows.add(request("closed", i++, 3, 2, null, 35 * S, 6 * S).set("phase", "warmup").build());

        List<Finding> found = of(check(rows), Rules.CONCURRENCY_BELOW_LABEL);
        assertThat(found).extracting(f -> f.scope().levelIndex()).containsExactly(1, 2);
        assertThat(found).allSatisfy(f -> assertThat(f.sourcePath()).isEqualTo("raw/closed"));
        assertThat(found.get(0).detail()).startsWith("run closed level 1 labelled "
                + "concurrency 4: achieved 1.00 requests in flight (25 %");
        assertThat(found.get(1).detail()).contains("achieved 8.00").contains("fewer than the label");
        assertThat(found.get(1).scope()).isEqualTo(FindingScope.level(2, 64, null));
    }

    @Test
    void openLoopLevelsOffTheirTargetRateAreFound() {
        List<Row> rows = new ArrayList<>();
        int i = 0;
        // level 0, target 4 req/s: 9 requests 0.25 s apart -> 4 req/s
        for (int q = 0; q < 9; q++) rows.add(request("open", i++, 0, 256, 4.0, q * S / 4, S).build());
        // level 1, target 10 req/s, same spacing -> 4 req/s, 60 % short
        for (int q = 0; q < 9; q++) rows.add(request("open", i++, 1, 256, 10.0, 20 * S + q * S / 4, S).build());
        // level 2, target 4.2 req/s: 4 req/s is within 10 %
        for (int q = 0; q < 9; q++) rows.add(request("open", i++, 2, 256, 4.2, 40 * S + q * S / 4, S).build());

        List<Finding> all = check(rows);
        assertThat(of(all, Rules.CONCURRENCY_BELOW_LABEL)).as("a cap is no concurrency label").isEmpty();
        List<Finding> found = of(all, Rules.RATE_OFF_TARGET);
        assertThat(found).extracting(Finding::detail).containsExactly("run open level 1 target rate 10 req/s: "
                + "achieved 4.00 req/s (-60 %) over 9 measured requests");
        assertThat(found.get(0).scope()).isEqualTo(FindingScope.level(1, 256, 10.0));
    }

    @Test
    void structuredResponsesCutByMaxTokensAreFound() {
        List<Row> rows = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            rows.add(request("structured", q, 0, 1, null, q * S, S).set("arm", "json_schema")
                    .set("structured_mode", "json_schema").set("finish_reason", q == 0 ? "length" : "stop").build());
            // the unconstrained arm may run to max_tokens: no schema to leave room for
            rows.add(request("structured", 10 + q, 0, 1, null, q * S, S).set("arm", "unconstrained")
                    .set("finish_reason", "length").build());
        }
        List<Finding> found = of(check(rows), Rules.STRUCTURED_TRUNCATED);
        assertThat(found).extracting(Finding::detail).containsExactly("1 of 4 structured responses (25.0 %) were cut "
                + "by max_tokens (finish_reason length): their validity says nothing about the engine");
        assertThat(found.get(0).scope()).isEqualTo(FindingScope.arm("json_schema"));
    }

    /** Four ok ignore_eos requests, the last stopping after {@code lastTokens}, and a failed one with 3 tokens. */
    private static List<Row> ignoreEosRun(int lastTokens) {
        List<Row> rows = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            rows.add(request("eos", q, 0, 1, null, q * S, S).set("ignore_eos", true)
                    .set("completion_tokens", q == 3 ? lastTokens : 256).build());
        }
        // a failed request's short output is no evidence
        rows.add(request("eos", 9, 0, 1, null, 9 * S, S).set("ignore_eos", true).set("completion_tokens", 3)
                .set("outcome", "stream_error").build());
        return rows;
    }

    @Test
    void ignoreEosStoppingEarlyIsFound() {
        List<Finding> found = of(check(ignoreEosRun(17)), Rules.IGNORE_EOS_NOT_HONOURED);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.runUid()).isEqualTo("eos");
            assertThat(f.detail()).startsWith("1 of 4 ok requests sent with ignore_eos stopped before max_tokens "
                    + "(fewest completion tokens 17");
        });
        assertThat(of(check(ignoreEosRun(256)), Rules.IGNORE_EOS_NOT_HONOURED)).isEmpty();
    }

    @Test
    void findingScopeRoundTripsThroughADataQualityRow() {
        Finding level = new Finding("u", "raw/u", Rules.RATE_OFF_TARGET, Finding.WARNING, "x",
                FindingScope.level(3, 64, 2.5));
        Finding arm = new Finding("u", "raw/u", Rules.STRUCTURED_TRUNCATED, Finding.WARNING, "y",
                FindingScope.arm("json_schema"));
        Finding run = new Finding("u", "raw/u", Rules.FAILED_REQUESTS, Finding.WARNING, "z");
        for (Finding f : List.of(level, arm, run)) {
            assertThat(Finding.fromRow(f.toRow())).isEqualTo(f);
        }
        assertThat(run.scope()).isEqualTo(FindingScope.RUN);
        assertThat(level.toRow().size()).isEqualTo(io.enginebench.pipeline.warehouse.Tables.DATA_QUALITY_SCHEMA.size());
    }
}
