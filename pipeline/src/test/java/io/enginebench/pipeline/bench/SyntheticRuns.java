package io.enginebench.pipeline.bench;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes sealed native run folders (manifest.json + requests.parquet, engine_metrics.parquet, prompts.parquet) with
 * the trace module's own Parquet writer, as {@code RunFolder.seal} would leave them, but without the JSON journal
 * in between (for millions of 256-chunk requests the journal alone would be tens of gigabytes).
 *
 * <p>Deterministic for a given seed: runs alternate between two simulated engines, three scenarios and three
 * iterations, so every derived table has cells, variance and winners to compute. Timestamps are random at ns
 * resolution, as real ones are (no artificially repeated values that would make percentiles cheap).
 */
final class SyntheticRuns {
    private static final String[] ENGINES = {"vllm", "sglang"};
    private static final String[] SCENARIOS = {"chat_short", "throughput_ramp", "long_context_stress"};
    private static final long MS = 1_000_000L;

    private final int chunksPerRequest;
    private final int requestsPerRun;

    SyntheticRuns(int chunksPerRequest, int requestsPerRun) {
        this.chunksPerRequest = chunksPerRequest;
        this.requestsPerRun = requestsPerRun;
    }

    /** Writes {@code totalRequests} requests into run folders under {@code root}; returns the number of runs. */
    int write(Path root, long totalRequests, int threads) throws Exception {
        int runs = (int) Math.max(1, (totalRequests + requestsPerRun - 1) / requestsPerRun);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                int run = r;
                long n = Math.min(requestsPerRun, totalRequests - (long) run * requestsPerRun);
                done.add(pool.submit(() -> { writeRun(root, run, n); return null; }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        return runs;
    }

    private void writeRun(Path root, int run, long requests) throws IOException {
        String runId = new UUID(0x5e17_0000_0000_0000L | run, run).toString();
        String engine = ENGINES[run % 2];
        String scenario = SCENARIOS[(run / 2) % SCENARIOS.length];
        int iteration = 1 + (run / 6) % 3;
        RunFolder folder = new RunFolder(root.resolve(runId));
        Files.createDirectories(folder.dir());
        SplittableRandom rnd = new SplittableRandom(run * 7919L + 17);
        // the two engines differ a little in speed, so comparisons have something to find
        double speed = engine.equals("vllm") ? 1.0 : 1.08;
        int concurrency = 8 << (run % 3);
        long ok = 0;
        try (var out = ParquetFiles.openAtomic(folder.requestsPath(), RequestRows.SCHEMA)) {
            long[] slotFree = new long[concurrency];
            for (long i = 0; i < requests; i++) {
                int slot = (int) (i % concurrency);
                long sent = slotFree[slot] + rnd.nextLong(50_000, 2 * MS);
                boolean failed = rnd.nextInt(200) == 0;
                long first = sent + (long) (rnd.nextLong(40 * MS, 250 * MS) * speed);
                List<Long> offsets = new ArrayList<>(failed ? 0 : chunksPerRequest);
                List<Integer> tokens = new ArrayList<>(failed ? 0 : chunksPerRequest);
                long t = first;
                if (!failed) {
                    for (int c = 0; c < chunksPerRequest; c++) {
                        if (c > 0) t += (long) (rnd.nextLong(8 * MS, 30 * MS) * speed);
                        offsets.add(t);
                        tokens.add(1);
                    }
                }
                long completed = failed ? sent + rnd.nextLong(MS, 30_000 * MS) : t + rnd.nextLong(10_000, MS);
                slotFree[slot] = completed;
                if (!failed) ok++;
                out.write(RequestRows.toGroup(new RequestRecord(runId, i, "measured", 0, concurrency, null, null,
                        "p" + (i % 500), "chat", "completions", chunksPerRequest, 0.0, true, "none", sent - 10_000,
                        sent, failed ? null : first - MS, failed ? null : first, failed ? null : first,
                        failed ? null : t, completed, offsets, tokens, true, "sha-" + (i % 500), 512,
                        failed ? null : chunksPerRequest, 0, !failed, offsets.size(), failed ? 0 : 4L * chunksPerRequest,
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
                "2026-11-28T01:00:00Z", RunStatus.COMPLETE, scenario,
                JsonNodeFactory.instance.objectNode().put("prompt_tokens", 512).put("max_tokens", chunksPerRequest),
                new RunManifest.EngineInfo("sim", engine, "http://127.0.0.1:8000",
                        "meta-llama/Llama-3.1-8B-Instruct", "0.0", engine, "fixed"),
                "bench-box", new RunManifest.LoadgenInfo("0.1.0", "bench"), "localhost", "17", iteration, "bench",
                Map.of("arrival", (long) run), 1_790_000_000_000_000_000L + run * 3_600_000_000_000L,
                new RunManifest.ClientSelfCheck(0.1, 0.5, 1.0, 0.1, 20.0, 5.0, false, null),
                Map.of("ok", ok, "timeout", requests - ok)));
    }
}
