package io.enginebench.trace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enginebench.trace.parquet.ParquetFiles;
import io.enginebench.trace.parquet.RequestRows;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderContractTest {

    static RunManifest manifest(String runId) {
        return new RunManifest(runId, TraceSchema.VERSION, "2026-11-28T00:00:00Z", null, RunStatus.RUNNING,
                "single_request_latency", JsonNodeFactory.instance.objectNode().put("requests", 2),
                new RunManifest.EngineInfo("sim", "vllm", "http://127.0.0.1:8000", "m", "0.0", "vllm", "fixed"),
                "test-box", new RunManifest.LoadgenInfo("0.1.0", "abc"), "host", "17", 1, null,
                Map.of("arrival", 42L), 1_000_000_000L, null, Map.of());
    }

    static RequestRecord request(String runId, long index, String outcome) {
        return new RequestRecord(runId, index, "measured", 0, 1, null, null, "p" + index, "short", "completions",
                128, 0.0, false, "none", 10L * index, 10L * index + 1, 2_000L, 3_000L, 3_000L, 5_000L, 6_000L,
                List.of(3_000L, 4_000L, 5_000L), List.of(1, 2, 1), true, "sha", 64, 4, 0, true, 3, 12L, "length",
                outcome, 200, null, null);
    }

    @Test
    void journalSealsIntoParquetThatReadsBackIdentically(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-1"));
        folder.writeManifest(manifest("run-1"));
        List<RequestRecord> written = List.of(request("run-1", 0, "ok"), request("run-1", 1, "timeout"));
        EngineMetricSample sample = new EngineMetricSample("run-1", 5L, "prometheus", "kv_cache_usage",
                "vllm:kv_cache_usage_perc", "model_name=\"m\"", 0.25);
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            written.forEach(journal::record);
            journal.record(sample);
            journal.record(new PromptRecord("sha", "p0", "completions", "hello"));
            journal.record(new PromptRecord("sha", "p0", "completions", "hello"));
        }

        JournalReader.Result result = folder.seal(folder.readManifest(), RunStatus.COMPLETE);

        assertThat(result).isEqualTo(new JournalReader.Result(2, 1, 2, 0));
        assertThat(folder.readRequests()).containsExactlyElementsOf(written);
        assertThat(folder.readEngineMetrics()).containsExactly(sample);
        assertThat(folder.readPrompts()).hasSize(1);
        assertThat(folder.readManifest().status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(folder.readManifest().finishedAt()).isNotNull();
        assertThat(folder.hasJournal()).isFalse();
    }

    @Test
    void truncatedLastJournalLineIsSkippedAndCounted(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-2"));
        folder.writeManifest(manifest("run-2"));
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            journal.record(request("run-2", 0, "ok"));
        }
        Files.writeString(folder.journalPath(), "{\"request\":{\"run_id\":\"run-2\",\"requ",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        JournalReader.Result result = folder.seal(folder.readManifest(), RunStatus.PARTIAL);

        assertThat(result.requests()).isEqualTo(1);
        assertThat(result.badLines()).isEqualTo(1);
        assertThat(folder.readRequests()).extracting(RequestRecord::requestIndex).containsExactly(0L);
        assertThat(folder.readManifest().status()).isEqualTo(RunStatus.PARTIAL);
    }

    @Test
    void manifestOfAnUnknownSchemaVersionIsRefused(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-3"));
        folder.writeManifest(manifest("run-3"));
        String text = Files.readString(folder.manifestPath())
                .replace("\"schema_version\" : " + TraceSchema.VERSION, "\"schema_version\" : 99");
        Files.writeString(folder.manifestPath(), text);

        assertThatThrownBy(folder::readManifest).hasMessageContaining("unsupported trace schema version 99");
    }

    @Test
    void queueWaitRoundTripsThroughJournalAndParquet(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-5"));
        folder.writeManifest(manifest("run-5"));
        List<RequestRecord> written = List.of(request("run-5", 0, "ok").withQueueWaitNs(0L),
                request("run-5", 1, "ok").withQueueWaitNs(1_234_567L), request("run-5", 2, "ok"));
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            written.forEach(journal::record);
        }
        folder.seal(folder.readManifest(), RunStatus.COMPLETE);

        assertThat(folder.readRequests()).containsExactlyElementsOf(written);
        assertThat(folder.readRequests()).extracting(RequestRecord::queueWaitNs).containsExactly(0L, 1_234_567L, null);
        assertThat(folder.readManifest().schemaVersion()).isEqualTo(TraceSchema.VERSION);
    }

    @Test
    void requestIdRoundTripsThroughJournalAndParquet(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-7"));
        folder.writeManifest(manifest("run-7"));
        List<RequestRecord> written = List.of(request("run-7", 0, "ok").withRequestId("run-7-0"),
                request("run-7", 1, "ok"));
        try (RunJournal journal = RunJournal.open(folder.dir())) {
            written.forEach(journal::record);
        }
        assertThat(Files.readString(folder.dir().resolve(TraceSchema.JOURNAL))).contains("\"request_id\":\"run-7-0\"");
        folder.seal(folder.readManifest(), RunStatus.COMPLETE);

        assertThat(folder.readRequests()).extracting(RequestRecord::requestId).containsExactly("run-7-0", null);
    }

    @Test
    void versionTwoFolderStillReadsWithRequestIdNull(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-8"));
        folder.writeManifest(manifest("run-8").withSchemaVersion(2).withStatus(RunStatus.COMPLETE,
                "2026-11-28T00:01:00Z"));
        MessageType v2 = RequestRows.schema(2);
        assertThat(v2.containsField("queue_wait_ns")).isTrue();
        assertThat(v2.containsField("request_id")).isFalse();
        try (var w = ParquetFiles.openAtomic(folder.requestsPath(), v2, 2)) {
            w.write(RequestRows.toGroup(request("run-8", 0, "ok").withQueueWaitNs(5L).withRequestId("x"), v2));
            w.commit();
        }

        assertThat(folder.readRequests()).containsExactly(request("run-8", 0, "ok").withQueueWaitNs(5L));
    }

    @Test
    void versionOneFolderStillReadsWithQueueWaitNull(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-6"));
        RunManifest m = manifest("run-6");
        folder.writeManifest(m.withSchemaVersion(1).withStatus(RunStatus.COMPLETE, "2026-11-28T00:01:00Z"));
        MessageType v1 = RequestRows.schema(1);
        assertThat(v1.containsField("queue_wait_ns")).isFalse();
        try (var w = ParquetFiles.openAtomic(folder.requestsPath(), v1, 1)) {
            w.write(RequestRows.toGroup(request("run-6", 0, "ok").withQueueWaitNs(99L), v1));
            w.commit();
        }

        assertThat(folder.readManifest().schemaVersion()).isEqualTo(1);
        assertThat(folder.readRequests()).containsExactly(request("run-6", 0, "ok"));
    }

    @Test
    void manifestUsesSnakeCaseNames(@TempDir Path tmp) throws Exception {
        RunFolder folder = new RunFolder(tmp.resolve("run-4"));
        folder.writeManifest(manifest("run-4"));
        String text = Files.readString(folder.manifestPath());
        assertThat(text).contains("\"run_id\"", "\"epoch_unix_ns\"", "\"scenario_config\"", "\"status\" : \"running\"",
                "\"base_url\"");
    }

    @Test
    void outagesAndAbortReasonAreWrittenOnlyWhenThereAreAnyAndReadBack(@TempDir Path tmp) throws Exception {
        RunFolder healthy = new RunFolder(tmp.resolve("run-7"));
        healthy.writeManifest(manifest("run-7").withOutages(List.of(), null));
        assertThat(Files.readString(healthy.manifestPath())).doesNotContain("outages", "abort_reason");
        assertThat(healthy.readManifest().outages()).isNull();

        RunFolder aborted = new RunFolder(tmp.resolve("run-8"));
        List<RunManifest.Outage> outages = List.of(new RunManifest.Outage(1_000L, 2_000L, 5, 3, false),
                new RunManifest.Outage(9_000L, null, 5, 40, false));
        aborted.writeManifest(manifest("run-8").withStatus(RunStatus.ABORTED, "2026-12-07T00:00:00Z")
                .withOutages(outages, RunManifest.ENGINE_UNREACHABLE));
        assertThat(Files.readString(aborted.manifestPath())).contains("\"status\" : \"aborted\"",
                "\"abort_reason\" : \"engine_unreachable\"", "\"requests_not_sent\" : 40", "\"catch_up\" : false");
        RunManifest back = aborted.readManifest();
        assertThat(back.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(back.outages()).isEqualTo(outages);
        assertThat(back.outages()).extracting(RunManifest.Outage::resumed).containsExactly(true, false);
        assertThat(back.abortReason()).isEqualTo(RunManifest.ENGINE_UNREACHABLE);
    }
}
