package io.enginebench.trace;

import io.enginebench.trace.parquet.EngineMetricRows;
import io.enginebench.trace.parquet.ParquetFiles;
import io.enginebench.trace.parquet.PromptRows;
import io.enginebench.trace.parquet.RequestRows;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.enginebench.trace.RunFolderContractTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Rows through the plain-Java Parquet writer and reader: nulls stay null, values keep their bits, writes are atomic. */
class ParquetRowsRoundTripTest {
    @TempDir Path tmp;

    private static List<Group> writeAndRead(Path file, MessageType schema, List<Group> rows) throws Exception {
        try (var w = ParquetFiles.openAtomic(file, schema)) {
            rows.forEach(w::write);
            w.commit();
        }
        List<Group> out = new ArrayList<>();
        assertThat(ParquetFiles.read(file, out::add)).isEqualTo(TraceSchema.VERSION);
        return out;
    }

    @Test
    void requestsKeepEveryNullAndEveryValue() throws Exception {
        RequestRecord full = new RequestRecord("r", 3, "measured", 2, 16, 4.5, "shared", "p3", "long", "chat", 256,
                0.7, true, "json_schema", 100, 110L, 120L, 130L, 140L, 900L, 950L, List.of(140L, 500L, 900L),
                List.of(4, 4, 3), true, "abc", 1024, 11, 512, true, 3, 80, "stop", "ok", 200, null, true, 7L);
        RequestRecord sparse = new RequestRecord("r", 4, "warmup", 0, null, null, null, null, null, "completions",
                8, 0, false, "none", 0, null, null, null, null, null, null, null, null, false, null, null, null,
                null, false, 0, 0, null, "connect_error", null, "connection refused", null, null);
        List<RequestRecord> written = List.of(full, sparse, request("r", 5, "ok"));

        List<Group> rows = writeAndRead(tmp.resolve("requests.parquet"), RequestRows.SCHEMA,
                written.stream().map(RequestRows::toGroup).toList());

        assertThat(rows.stream().map(RequestRows::fromGroup).toList()).containsExactlyElementsOf(written);
    }

    @Test
    void engineMetricsWriteMissingLabelsAsEmpty() throws Exception {
        EngineMetricSample labelled = new EngineMetricSample("r", 5, "prometheus", "kv_cache_usage",
                "vllm:kv_cache_usage_perc", "engine=\"0\"", 0.125);
        EngineMetricSample bare = new EngineMetricSample("r", 6, "gpu", "gpu_memory_used_bytes", "memory.used",
                null, 1.5e10);

        List<Group> rows = writeAndRead(tmp.resolve("engine_metrics.parquet"), EngineMetricRows.SCHEMA,
                List.of(EngineMetricRows.toGroup(labelled), EngineMetricRows.toGroup(bare)));

        assertThat(rows.stream().map(EngineMetricRows::fromGroup).toList()).containsExactly(labelled,
                new EngineMetricSample("r", 6, "gpu", "gpu_memory_used_bytes", "memory.used", "", 1.5e10));
    }

    @Test
    void promptsKeepAMissingPromptId() throws Exception {
        List<PromptRecord> written = List.of(new PromptRecord("s1", null, "completions", "Hello"),
                new PromptRecord("s2", "p2", "chat", "[{\"role\":\"user\",\"content\":\"é ✓\"}]"));

        List<Group> rows = writeAndRead(tmp.resolve("prompts.parquet"), PromptRows.SCHEMA,
                written.stream().map(PromptRows::toGroup).toList());

        assertThat(rows.stream().map(PromptRows::fromGroup).toList()).containsExactlyElementsOf(written);
    }

    @Test
    void anUncommittedWriterLeavesNeitherTheFileNorItsTemporary() throws Exception {
        Path file = tmp.resolve("requests.parquet");
        try (var w = ParquetFiles.openAtomic(file, RequestRows.SCHEMA)) {
            w.write(RequestRows.toGroup(request("r", 0, "ok")));
        }

        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aCommitReplacesTheFileItRewrites() throws Exception {
        Path file = tmp.resolve("requests.parquet");
        writeAndRead(file, RequestRows.SCHEMA, List.of(RequestRows.toGroup(request("r", 0, "ok"))));

        List<Group> rows = writeAndRead(file, RequestRows.SCHEMA,
                List.of(RequestRows.toGroup(request("r", 1, "ok")), RequestRows.toGroup(request("r", 2, "ok"))));

        assertThat(rows.stream().map(RequestRows::fromGroup).map(RequestRecord::requestIndex)).containsExactly(1L, 2L);
    }

    @Test
    void theVersionStampedIsTheVersionRead() throws Exception {
        Path file = tmp.resolve("v1.parquet");
        MessageType v1 = RequestRows.schema(1);
        try (var w = ParquetFiles.openAtomic(file, v1, 1)) {
            w.write(RequestRows.toGroup(request("r", 0, "ok"), v1));
            w.commit();
        }

        assertThat(ParquetFiles.read(file, g -> { })).isEqualTo(1);
    }
}
