package io.enginebench.loadgen.perf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The trace writer on realistic rows (256 content chunks each): journal recording until the rows are on disk
 * ({@code RunJournal.record} × N then {@code close}), and sealing a journal of N rows into Parquet
 * ({@code RunFolder.seal}). Scores are rows per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class TraceWriteBenchmark {
    static final int ROWS = 2_000;
    static final int CHUNKS = 256;

    private List<RequestRecord> rows;
    private Path root;
    private Path sealedJournal;
    private RunFolder sealFolder;
    private int folderSeq;

    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("trace-bench");
        rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(row(i));
        }
        Path journalRun = root.resolve("journal-source");
        try (RunJournal journal = RunJournal.open(journalRun)) {
            rows.forEach(journal::record);
        }
        sealedJournal = journalRun.resolve(TraceSchema.JOURNAL);
    }

    /** A fresh run folder holding a copy of the N-row journal, for each seal. */
    @Setup(Level.Invocation)
    public void prepareSeal() throws IOException {
        sealFolder = new RunFolder(root.resolve("seal-" + folderSeq++));
        sealFolder.writeManifest(manifest());
        Files.copy(sealedJournal, sealFolder.journalPath(), StandardCopyOption.REPLACE_EXISTING);
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void journalRecordAndClose() throws IOException {
        try (RunJournal journal = RunJournal.open(root.resolve("journal-" + folderSeq++))) {
            for (RequestRecord r : rows) {
                journal.record(r);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Object seal() throws IOException {
        return sealFolder.seal(sealFolder.readManifest(), RunStatus.COMPLETE);
    }

    private static RequestRecord row(int i) {
        List<Long> offsets = new ArrayList<>(CHUNKS);
        List<Integer> tokens = new ArrayList<>(CHUNKS);
        long t = 1_000_000_000L + i * 7_000_000L;
        for (int c = 0; c < CHUNKS; c++) {
            offsets.add(t + 40_000_000L + c * 11_000_000L + (c * 7919L % 1_000_000L));
            tokens.add(1);
        }
        return new RequestRecord("bench-run", i, "measured", 0, 64, null, null, "p" + (i % 100), "medium",
                "completions", CHUNKS, 0.0, true, "none", t, t + 50_000L, t + 30_000_000L, t + 38_000_000L,
                offsets.get(0), offsets.get(CHUNKS - 1), offsets.get(CHUNKS - 1) + 200_000L, offsets, tokens, true,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 512, CHUNKS, 0, true, CHUNKS,
                1_100L, "length", "ok", 200, null, null);
    }

    private static RunManifest manifest() {
        return new RunManifest("bench-run", TraceSchema.VERSION, "2026-01-01T00:00:00Z", null, RunStatus.RUNNING,
                "trace_bench", JsonNodeFactory.instance.objectNode(),
                new RunManifest.EngineInfo("sim", "vllm", "http://127.0.0.1:8000", "m", "0.0", "vllm", "fixed"),
                "bench-box", new RunManifest.LoadgenInfo("0.1.0", "bench"), "host", "17", 1, null,
                Map.of("arrival", 42L), 1_000_000_000L, null, Map.of());
    }
}
