package io.enginebench.pipeline.ingest;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.SqlViews;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Hand-written legacy fixtures (src/test/resources/legacy) covering the schema variants and the broken files. */
class LegacyIngestTest {
    static final Path FIXTURES = Path.of("src/test/resources/legacy").toAbsolutePath();
    static final String SRL = "head/results/gemma-2-2b-it/single_request_latency_vllm_1774000000.json";
    static final String COPY = "history/results/gemma-2-2b-it/single_request_latency_vllm_1774000000.json";
    static final String RAMP = "head/results/llama-3-1-8b-instruct/throughput_ramp_SGLangClient_1774000100.json";
    static final String SPEC = "head/results_afk/spec/qwen3-8b/long_context_stress_vllm-ngram_1774000200.json";
    static final String OLD = "history/results/single_request_latency_VLLMClient_1774000300.json";
    static final String STRUCT = "head/results/gemma-2-2b-it/structured_generation_speed_sglang_1774000400.json";
    static final String MANIFEST = "head/results/gemma-2-2b-it/matrix_manifest_1774000000.json";
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Warehouse wh;
    static IngestSummary summary;

    @BeforeAll
    static void ingest() throws IOException {
        spark = SharedSpark.get();
        wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        summary = new IngestJob(wh, QUIET).run(List.of(FIXTURES.toString()));
    }

    @Test
    void countsEveryFileOnce() {
        IngestSummary.Counts legacy = summary.perSource().get("legacy-json");
        assertThat(legacy.seen).isEqualTo(10);
        assertThat(legacy.ingested).isEqualTo(5);
        assertThat(legacy.duplicates).isEqualTo(1);
        assertThat(legacy.quarantined).isEqualTo(4);
        assertThat(summary.perSource().get("legacy-manifest").ingested).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(2);
    }

    @Test
    void runsCarryIdentityOfEverySchemaVariant() {
        List<Row> runs = spark.sql("""
                SELECT source_path, run_uid, collection, engine, engine_variant, spec_method, model, model_name,
                       model_slug, model_params_b, iteration, max_tokens, legacy_wall_time_s, request_count,
                       CAST(timestamp AS STRING)
                FROM runs ORDER BY source_path""").collectAsList();
        assertThat(runs).extracting(r -> r.getString(0)).containsExactly(SRL, STRUCT, RAMP, SPEC, OLD);
        Map<String, Row> byPath = runs.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
        Row srl = byPath.get(SRL);
        assertThat(srl.getString(1)).matches("legacy-aaaa0001-1774000000250-[0-9a-f]{12}");
        assertThat(srl.toSeq().slice(2, 14).toList().mkString("|")).isEqualTo(
                "head/results|vllm|vllm|null|google/gemma-2-2b-it|gemma-2-2b-it|gemma-2-2b-it|2.6|1|128|1.5|3");
        assertThat(srl.getString(14)).isEqualTo("2026-03-20 09:46:40.25");
        assertThat(byPath.get(RAMP).toSeq().slice(2, 12).toList().mkString("|")).isEqualTo(
                "head/results|sglang|sglang|null|meta-llama/Llama-3.1-8B-Instruct|Llama-3.1-8B-Instruct"
                        + "|llama-3-1-8b-instruct|8.0|2|256");
        assertThat(byPath.get(SPEC).toSeq().slice(2, 11).toList().mkString("|")).isEqualTo(
                "head/results_afk|vllm|vllm-ngram|ngram|Qwen/Qwen3-8B|Qwen3-8B|qwen3-8b|8.2|1");
        assertThat(byPath.get(OLD).toSeq().slice(2, 11).toList().mkString("|")).isEqualTo(
                "history/results|vllm|vllm|null|null|null|null|null|null");
    }

    @Test
    void rampRequestsGetTheirLevelsConcurrency() {
        List<Row> rows = spark.sql("""
                SELECT r.request_index, r.legacy_request_id, r.level_index, r.concurrency FROM requests r
                JOIN runs USING (run_uid) WHERE runs.source_path = '%s' ORDER BY r.request_index""".formatted(RAMP))
                .collectAsList();
        assertThat(rows).extracting(r -> r.getLong(0), r -> r.getInt(1), r -> r.getInt(2), r -> r.getInt(3))
                .containsExactly(tuple(0L, 0, 0, 1), tuple(1L, 1, 0, 1), tuple(2L, 0, 1, 2), tuple(3L, 1, 1, 2));
    }

    @Test
    void legacyRequestColumnsFollowTheWarehouseDoc() {
        Row r = spark.sql("""
                SELECT sent_ns, scheduled_ns, first_token_ns, completed_ns, last_token_ns, completion_tokens,
                       content_chunk_count, usage_reported, outcome, error, phase, prompt_words, r.source, SIZE(chunk_tokens)
                FROM requests r JOIN runs USING (run_uid)
                WHERE runs.source_path = '%s' AND r.request_index = 1""".formatted(SRL)).first();
        assertThat(r.toSeq().toList().mkString("|"))
                .isEqualTo("0|0|20000000|200000000|200000000|0|0|false|stream_error||measured|41|legacy-json|0");
        assertThat(spark.sql("SELECT COUNT(*) FROM requests").first().getLong(0)).isEqualTo(13);
        SqlViews.register(spark);   // the chunks view is registered by whoever queries it
        assertThat(spark.sql("SELECT COUNT(*) FROM chunks").first().getLong(0)).isZero();
    }

    @Test
    void engineMetricTimelinesBecomeNormalisedRows() {
        List<Row> rows = spark.sql("""
                SELECT name, t_ns, value, m.source FROM engine_metrics m JOIN runs USING (run_uid)
                WHERE runs.source_path = '%s' AND t_ns = 0 ORDER BY name""".formatted(SRL)).collectAsList();
        assertThat(rows).extracting(r -> r.getString(0), r -> r.getDouble(2)).containsExactly(
                tuple("gpu_memory_used_bytes", 10.5 * 1024 * 1024 * 1024), tuple("kv_cache_usage", 0.5),
                tuple("requests_running", 2.0), tuple("requests_waiting", 0.0));
        assertThat(rows).allSatisfy(r -> assertThat(r.getString(3)).isEqualTo("legacy"));
    }

    @Test
    void brokenFilesAreQuarantinedWithAReason() {
        Map<String, String> q = spark.sql("SELECT source_path, reason FROM quarantine").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
        assertThat(q).hasSize(4);
        assertThat(q.get("history/results/throughput_ramp_vllm_1774000500.json")).startsWith("truncated JSON");
        assertThat(q.get("history/results/long_context_stress_sglang_1774000600.json")).startsWith("not valid UTF-8");
        assertThat(q.get("history/results/single_request_latency_sglang_1774000700.json"))
                .isEqualTo("wrong type: $.requests[0].output_tokens must be an integer, found string");
        assertThat(q.get("history/results/decode_length_sweep_64_sglang_1774000800.json")).isEqualTo("empty file");
    }

    @Test
    void everyKnownDefectIsReportedExactlyOnce() {
        List<String> found = spark.sql("SELECT rule, source_path, severity FROM data_quality ORDER BY rule, source_path")
                .collectAsList().stream().map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2))
                .toList();
        assertThat(found).containsExactlyInAnyOrder(
                "all_zero_tokens " + OLD + " error",
                "duplicate_file " + COPY + " warning",
                "engine_metrics_all_zero " + RAMP + " warning",
                "engine_metrics_all_zero " + OLD + " warning",
                "engine_metrics_all_zero " + STRUCT + " warning",
                "failed_requests " + SRL + " warning",
                "failed_without_error_text " + SRL + " warning",
                "json_schema_not_sent " + STRUCT + " warning",
                "manifest_absolute_result_path " + MANIFEST + " warning",
                "manifest_missing_result " + MANIFEST + " warning",
                "missing_run_metadata " + OLD + " info",
                "model_unknown " + OLD + " warning",
                "ok_with_zero_tokens " + SRL + " warning",
                "ok_with_zero_tokens " + OLD + " warning",
                "prompt_shorter_than_label " + SPEC + " warning",
                "quarantined history/results/decode_length_sweep_64_sglang_1774000800.json error",
                "quarantined history/results/long_context_stress_sglang_1774000600.json error",
                "quarantined history/results/single_request_latency_sglang_1774000700.json error",
                "quarantined history/results/throughput_ramp_vllm_1774000500.json error",
                "spec_tokens_are_chunks " + SPEC + " warning");
        assertThat(spark.sql("SELECT detail FROM data_quality WHERE rule = 'duplicate_file'").first().getString(0))
                .contains(SRL);
        assertThat(spark.sql("SELECT COUNT(*) FROM data_quality WHERE rule = 'quarantined' AND run_uid IS NOT NULL")
                .first().getLong(0)).isZero();
    }

    @Test
    void reingestingTheSamePathsGivesIdenticalTables(@TempDir Path own) throws IOException {
        Warehouse w = Warehouse.open(spark, own.resolve("wh").toString());
        new IngestJob(w, QUIET).run(List.of(FIXTURES.toString()));
        Map<String, List<Row>> first = dump();
        String firstSnapshot = w.currentSnapshot().orElseThrow();
        new IngestJob(w, QUIET).run(List.of(FIXTURES.toString()));
        assertThat(dump()).isEqualTo(first);
        assertThat(w.currentSnapshot()).isPresent().isNotEqualTo(java.util.Optional.of(firstSnapshot));
        assertThat(own.resolve("wh/snapshots").toFile().list()).containsExactly(w.currentSnapshot().get());
        Warehouse.open(spark, tmp.resolve("wh").toString()); // restore the shared views
    }

    @Test
    void aCrashMidWriteLeavesThePreviousSnapshotLive(@TempDir Path own) throws IOException {
        Warehouse w = Warehouse.open(spark, own.resolve("wh").toString());
        new IngestJob(w, QUIET).run(List.of(FIXTURES.resolve("head").toString()));
        String live = w.currentSnapshot().orElseThrow();
        long runs = spark.sql("SELECT COUNT(*) FROM runs").first().getLong(0);
        w.withWriteHook(t -> { if (t.equals(Tables.REQUESTS)) throw new IOException("simulated crash"); });
        assertThatThrownBy(() -> new IngestJob(w, QUIET).run(List.of(FIXTURES.toString())))
                .hasMessage("simulated crash");

        Warehouse reopened = Warehouse.open(spark, own.resolve("wh").toString());
        assertThat(reopened.currentSnapshot()).contains(live);
        assertThat(spark.sql("SELECT COUNT(*) FROM runs").first().getLong(0)).isEqualTo(runs).isEqualTo(4);
        assertThat(spark.sql("SELECT COUNT(*) FROM requests").first().getLong(0)).isEqualTo(11);

        reopened.withWriteHook(t -> { });
        new IngestJob(reopened, QUIET).run(List.of(FIXTURES.toString()));
        assertThat(spark.sql("SELECT COUNT(*) FROM runs").first().getLong(0)).isEqualTo(5);
        assertThat(own.resolve("wh/snapshots").toFile().list()).hasSize(1);
        Warehouse.open(spark, tmp.resolve("wh").toString());
    }

    private static Map<String, List<Row>> dump() {
        return Tables.BASE.stream().collect(Collectors.toMap(t -> t,
                t -> spark.sql("SELECT * FROM " + t + " ORDER BY ALL").collectAsList()));
    }
}
