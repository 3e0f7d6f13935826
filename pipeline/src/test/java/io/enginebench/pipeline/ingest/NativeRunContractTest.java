package io.enginebench.pipeline.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.SqlViews;
import io.enginebench.pipeline.warehouse.Warehouse;
import io.enginebench.trace.EngineMetricSample;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;
import io.enginebench.trace.parquet.ParquetFiles;
import io.enginebench.trace.parquet.RequestRows;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract: run folders written by the trace module's journal + seal are read back by Spark, column for column. */
class NativeRunContractTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    static RunManifest manifest(String runId, boolean clientBound) {
        return new RunManifest(runId, TraceSchema.VERSION, "2026-11-28T00:00:00Z", null, RunStatus.RUNNING,
                "long_context_stress", JsonNodeFactory.instance.objectNode().put("prompt_tokens", 4096)
                        .put("max_tokens", 256),
                new RunManifest.EngineInfo("sim", "vllm-ngram", "http://127.0.0.1:8000", "meta-llama/Llama-3.1-8B-Instruct",
                        "0.9", "vllm", "fixed"),
                "test-box", new RunManifest.LoadgenInfo("0.1.0", "abc"), "host", "17", 2, "m1",
                Map.of("arrival", 42L), 1_700_000_000_000_000_000L,
                new RunManifest.ClientSelfCheck(0.1, 2.5, 3.0, 0.2, 10.0, 1.0, clientBound,
                        clientBound ? "schedule lag p99 above 1 ms" : null),
                Map.of("ok", 1L, "timeout", 1L));
    }

    static RequestRecord request(String runId, long index, String outcome, int completionTokens, boolean usage) {
        return new RequestRecord(runId, index, "measured", 0, 4, null, null, "p" + index, "long", "completions",
                256, 0.0, true, "none", 10L * index, 10L * index + 1, 2_000L, 3_000L, 3_000L, 5_000L, 6_000L,
                List.of(3_000L, 4_000L, 5_000L), List.of(1, 2, 1), true, "sha", 8000, completionTokens, 0, usage, 3,
                12L, "length", outcome, 200, null, null).withQueueWaitNs(1_000L * index)
                .withRequestId(runId + "-" + index);
    }

    static void writeRun(Path dir, String runId, boolean seal, boolean clientBound) throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.writeManifest(manifest(runId, clientBound));
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            journal.record(request(runId, 0, "ok", 4, true));
            journal.record(request(runId, 1, "timeout", 7, false));
            journal.record(new EngineMetricSample(runId, 5L, "prometheus", "kv_cache_usage",
                    "vllm:kv_cache_usage_perc", "model_name=\"m\"", 0.25));
        }
        if (seal) folder.seal(folder.readManifest(), RunStatus.COMPLETE);
    }

    @Test
    void sealedRunFolderIsIngestedColumnForColumn(@TempDir Path tmp) throws Exception {
        String id = "11111111-2222-3333-4444-555555555555";
        writeRun(tmp.resolve("raw-results").resolve(id), id, true, true);
        writeRun(tmp.resolve("raw-results").resolve("unsealed"), "66666666-2222-3333-4444-555555555555", false, false);
        Path future = tmp.resolve("raw-results").resolve("future");
        Files.createDirectories(future);
        Files.writeString(future.resolve("manifest.json"), "{\"run_id\":\"x\",\"schema_version\":99}");

        SparkSession spark = SharedSpark.get();
        Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        IngestSummary s = new IngestJob(wh, QUIET).run(List.of(tmp.resolve("raw-results").toString()));
        assertThat(s.perSource().get("native").ingested).isEqualTo(1);
        assertThat(s.perSource().get("native").quarantined).isEqualTo(2);

        List<RequestRecord> written = new RunFolder(tmp.resolve("raw-results").resolve(id)).readRequests();
        List<Row> read = spark.sql("""
                SELECT run_id, request_index, phase, level_index, concurrency, target_rate, arm, prompt_id,
                  prompt_category, endpoint, max_tokens, temperature, ignore_eos, structured_mode, scheduled_ns, sent_ns,
                  headers_ns, first_chunk_ns, first_token_ns, last_token_ns, completed_ns, chunk_offsets_ns,
                  chunk_tokens, chunk_tokens_exact, prompt_sha256, prompt_tokens, completion_tokens, cached_tokens,
                  usage_reported, content_chunk_count, output_chars, finish_reason, outcome, http_status, error,
                  structured_valid, queue_wait_ns, request_id
                FROM requests WHERE run_uid = '%s' ORDER BY request_index""".formatted(id)).collectAsList();
        assertThat(read).hasSize(written.size());
        for (int i = 0; i < read.size(); i++) {
            Row r = read.get(i);
            RequestRecord w = written.get(i);
            RequestRecord back = new RequestRecord(r.getString(0), r.getLong(1), r.getString(2), r.getInt(3),
                    (Integer) r.get(4), (Double) r.get(5), r.getString(6), r.getString(7), r.getString(8),
                    r.getString(9), r.getInt(10), r.getDouble(11), r.getBoolean(12), r.getString(13), r.getLong(14),
                    (Long) r.get(15), (Long) r.get(16), (Long) r.get(17), (Long) r.get(18), (Long) r.get(19),
                    (Long) r.get(20), r.getList(21), r.getList(22), r.getBoolean(23), r.getString(24),
                    (Integer) r.get(25), (Integer) r.get(26), (Integer) r.get(27), r.getBoolean(28), r.getInt(29),
                    r.getLong(30), r.getString(31), r.getString(32), (Integer) r.get(33), r.getString(34),
                    (Boolean) r.get(35), (Long) r.get(36), r.getString(37));
            assertThat(back).isEqualTo(w);
        }

        Row run = spark.sql("SELECT source, engine, engine_kind, simulated, engine_variant, spec_method, model_name, "
                + "model_params_b, iteration, matrix_id, max_tokens, client_bound, schedule_lag_p99_ms, status, "
                + "epoch_unix_ns, request_count FROM runs").first();
        assertThat(run.toSeq().toList().mkString("|")).isEqualTo(
                "native|vllm|sim|true|sim-vllm-ngram|ngram|Llama-3.1-8B-Instruct|8.0|2|m1|256|true|2.5|complete|"
                        + "1700000000000000000|2");
        assertThat(spark.sql("SELECT name, value, run_uid FROM engine_metrics").first().toSeq().toList().mkString("|"))
                .isEqualTo("kv_cache_usage|0.25|" + id);
        SqlViews.register(spark);   // the chunks view is registered by whoever queries it
        assertThat(spark.sql("SELECT chunk_index, offset_ns, tokens, gap_ns FROM chunks WHERE request_index = 0 "
                + "ORDER BY chunk_index").collectAsList()).extracting(Row::toString)
                .containsExactly("[0,3000,1,null]", "[1,4000,2,1000]", "[2,5000,1,1000]");

        assertThat(spark.sql("SELECT source_path, reason FROM quarantine ORDER BY source_path").collectAsList())
                .extracting(Row::toString).containsExactly(
                        "[future,unsupported trace schema version 99 (this build reads versions 1, 2, 3)]",
                        "[unsealed,run not sealed: run bench recover]");
        assertThat(spark.sql("SELECT rule FROM data_quality WHERE run_uid = '" + id + "' ORDER BY rule")
                .collectAsList()).extracting(r -> r.getString(0)).containsExactly("client_bound",
                // two measured requests at a level labelled concurrency 4; ignore_eos sent, 4 of 256 tokens back
                "concurrency_below_label", "failed_requests", "ignore_eos_not_honoured", "prompt_tokens_off_label",
                "simulated_engine", "spec_unverified", "usage_chunk_mismatch", "usage_not_reported");  // spec_unverified: a vllm-ngram run whose engine exported no drafting
    }

    /**
     * A folder as an older trace schema {@code version} wrote it, in manifest and Parquet: version 1 without
     * queue_wait_ns and request_id, version 2 without request_id.
     */
    static void writeOlderVersionRun(Path dir, String runId, int version) throws Exception {
        RunFolder folder = new RunFolder(dir);
        RunManifest m = manifest(runId, false);
        folder.writeManifest(new RunManifest(m.runId(), version, m.createdAt(), "2026-11-28T00:01:00Z",
                RunStatus.COMPLETE, m.scenario(), m.scenarioConfig(), m.engine(), m.hardware(), m.loadgen(), m.host(),
                m.jvm(), m.iteration(), m.matrixId(), m.seeds(), m.epochUnixNs(), m.clientSelfCheck(), m.outcomes()));
        MessageType schema = RequestRows.schema(version);
        try (var w = ParquetFiles.openAtomic(folder.requestsPath(), schema, version)) {
            w.write(RequestRows.toGroup(request(runId, 0, "ok", 4, true), schema));
            w.write(RequestRows.toGroup(request(runId, 1, "ok", 4, true), schema));
            w.commit();
        }
    }

    @Test
    void olderVersionFoldersIngestBesideTheCurrentWithTheirMissingColumnsNull(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("raw-results");
        String v1 = "aaaaaaaa-2222-3333-4444-555555555555";
        String v2 = "bbbbbbbb-2222-3333-4444-555555555555";
        String v3 = "cccccccc-2222-3333-4444-555555555555";
        writeOlderVersionRun(raw.resolve("a-v1"), v1, 1);
        writeOlderVersionRun(raw.resolve("b-v2"), v2, 2);
        writeRun(raw.resolve("c-v3"), v3, true, false);

        SparkSession spark = SharedSpark.get();
        Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        IngestSummary s = new IngestJob(wh, QUIET).run(List.of(raw.toString()));
        assertThat(s.perSource().get("native").ingested).isEqualTo(3);
        assertThat(spark.sql("SELECT run_uid, request_index, queue_wait_ns, request_id FROM requests "
                + "ORDER BY run_uid, request_index").collectAsList()).extracting(Row::toString).containsExactly(
                "[" + v1 + ",0,null,null]", "[" + v1 + ",1,null,null]",
                "[" + v2 + ",0,0,null]", "[" + v2 + ",1,1000,null]",
                "[" + v3 + ",0,0," + v3 + "-0]", "[" + v3 + ",1,1000," + v3 + "-1]");
    }

    @Test
    void corruptedParquetIsQuarantinedAndTheBatchGoesOn(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("raw-results");
        String good = "77777777-2222-3333-4444-555555555555";
        writeRun(raw.resolve(good), good, true, false);
        writeRun(raw.resolve("garbage"), "88888888-2222-3333-4444-555555555555", true, false);
        Files.write(raw.resolve("garbage").resolve("requests.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 1, 2, 3});
        writeRun(raw.resolve("truncated"), "99999999-2222-3333-4444-555555555555", true, false);
        Path truncated = raw.resolve("truncated").resolve("requests.parquet");
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        SparkSession spark = SharedSpark.get();
        Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
        IngestSummary first = new IngestJob(wh, QUIET).run(List.of(raw.toString()));
        assertThat(first.perSource().get("native").ingested).isEqualTo(1);
        assertThat(first.perSource().get("native").quarantined).isEqualTo(2);
        List<Row> reasons = spark.sql("SELECT source_path, reason FROM quarantine ORDER BY source_path").collectAsList();
        assertThat(reasons).extracting(r -> r.getString(0)).containsExactly("garbage", "truncated");
        assertThat(reasons).allSatisfy(r -> assertThat(r.getString(1)).isNotBlank());

        long requests = spark.sql("SELECT count(*) FROM requests").first().getLong(0);
        new IngestJob(wh, QUIET).run(List.of(raw.toString()));
        assertThat(spark.sql("SELECT count(*) FROM requests").first().getLong(0)).isEqualTo(requests);
        assertThat(spark.sql("SELECT count(*) FROM quarantine").first().getLong(0)).isEqualTo(2);
    }
}
