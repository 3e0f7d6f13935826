package io.enginebench.clusterit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;
import io.enginebench.trace.parquet.EngineMetricRows;
import io.enginebench.trace.parquet.ParquetFiles;
import io.enginebench.trace.parquet.PromptRows;
import io.enginebench.trace.parquet.RequestRows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Sealed native run folders (manifest.json, requests.parquet, engine_metrics.parquet, prompts.parquet) written with
 * the trace contract's own Parquet writer: two simulated engines × two iterations of one scenario, deterministic.
 */
final class NativeRunFixtures {
    private static final String[] ENGINES = {"vllm", "sglang"};
    private static final long MS = 1_000_000L;
    private static final int REQUESTS = 120;
    private static final int CHUNKS = 24;

    private NativeRunFixtures() {}

    /** Writes four runs under {@code root}; returns their folders. */
    static List<Path> write(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int run = 0; run < 4; run++) dirs.add(writeRun(root, run));
        return dirs;
    }

    private static Path writeRun(Path root, int run) throws IOException {
        String runId = new UUID(0xc1a5_7e40_0000_0000L | run, run).toString();
        String engine = ENGINES[run % 2];
        int iteration = 1 + run / 2;
        RunFolder folder = new RunFolder(root.resolve(runId));
        Files.createDirectories(folder.dir());
        SplittableRandom rnd = new SplittableRandom(run * 7919L + 17);
        double speed = engine.equals("vllm") ? 1.0 : 1.1;   // something for the comparisons to find
        int concurrency = 4;
        long ok = 0;
        try (var out = ParquetFiles.openAtomic(folder.requestsPath(), RequestRows.SCHEMA)) {
            long[] slotFree = new long[concurrency];
            for (long i = 0; i < REQUESTS; i++) {
                int slot = (int) (i % concurrency);
                long sent = slotFree[slot] + rnd.nextLong(50_000, 2 * MS);
                boolean failed = rnd.nextInt(60) == 0;
                long first = sent + (long) (rnd.nextLong(40 * MS, 250 * MS) * speed);
                List<Long> offsets = new ArrayList<>();
                List<Integer> tokens = new ArrayList<>();
                long t = first;
                if (!failed) {
                    for (int c = 0; c < CHUNKS; c++) {
                        if (c > 0) t += (long) (rnd.nextLong(8 * MS, 30 * MS) * speed);
                        offsets.add(t);
                        tokens.add(1);
                    }
                }
                long completed = failed ? sent + rnd.nextLong(MS, 3_000 * MS) : t + rnd.nextLong(10_000, MS);
                slotFree[slot] = completed;
                if (!failed) ok++;
                out.write(RequestRows.toGroup(new RequestRecord(runId, i, "measured", 0, concurrency, null, null,
                        "p" + (i % 40), "chat", "completions", CHUNKS, 0.0, true, "none", sent - 10_000,
                        sent, failed ? null : first - MS, failed ? null : first, failed ? null : first,
                        failed ? null : t, completed, offsets, tokens, true, "sha-" + (i % 40), 512,
                        failed ? null : CHUNKS, 0, !failed, offsets.size(), failed ? 0 : 4L * CHUNKS,
                        failed ? null : "length", failed ? "timeout" : "ok", failed ? null : 200,
                        failed ? "deadline" : null, null)));
            }
            out.commit();
        }
        try (var m = ParquetFiles.openAtomic(folder.engineMetricsPath(), EngineMetricRows.SCHEMA);
             var p = ParquetFiles.openAtomic(folder.promptsPath(), PromptRows.SCHEMA)) {
            m.commit();
            p.commit();
        }
        folder.writeManifest(new RunManifest(runId, TraceSchema.VERSION, "2026-11-28T00:00:00Z",
                "2026-11-28T01:00:00Z", RunStatus.COMPLETE, "chat_short",
                JsonNodeFactory.instance.objectNode().put("prompt_tokens", 512).put("max_tokens", CHUNKS),
                new RunManifest.EngineInfo("sim", engine, "http://127.0.0.1:8000",
                        "meta-llama/Llama-3.1-8B-Instruct", "0.0", engine, "fixed"),
                "sim-box", new RunManifest.LoadgenInfo("0.1.0", "cluster-it"), "localhost", "17", iteration,
                "cluster-it", Map.of("arrival", (long) run), 1_790_000_000_000_000_000L + run * 3_600_000_000_000L,
                new RunManifest.ClientSelfCheck(0.1, 0.5, 1.0, 0.1, 20.0, 5.0, false, null),
                Map.of("ok", ok, "timeout", REQUESTS - ok)));
        return folder.dir();
    }
}
