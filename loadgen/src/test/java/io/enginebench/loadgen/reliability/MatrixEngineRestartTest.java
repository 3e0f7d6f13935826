package io.enginebench.loadgen.reliability;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.breaker.BreakerOptions;
import io.enginebench.loadgen.cli.EngineMainForTests;
import io.enginebench.loadgen.engine.EngineProfile;
import io.enginebench.loadgen.matrix.CompletedCells;
import io.enginebench.loadgen.matrix.MatrixConfig;
import io.enginebench.loadgen.matrix.MatrixManifest;
import io.enginebench.loadgen.matrix.MatrixRunner;
import io.enginebench.loadgen.matrix.ScenarioCellRunner;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.TraceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench matrix} with an engine that dies under a cell: the simulator, started by the profile's start command,
 * is killed mid-cell; the cell's run aborts, the matrix restarts the engine and reruns the cell, which completes.
 */
class MatrixEngineRestartTest {
    @TempDir
    Path out;

    @Test
    void anAbortedCellRestartsTheEngineAndRunsAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String start = "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + EngineMainForTests.class.getName()
                + " sim --port $PORT --preset fixed";
        EngineProfile engine = new EngineProfile("sim-a", "sim", "vllm", "http://127.0.0.1:" + port, null, null,
                start, null, "/health", 60, 0);
        MatrixConfig config = new MatrixConfig("m-restart", null, 1, List.of("single_request_latency"),
                List.of("sim-fixed"), List.of(engine),
                Map.of("requests", 40, "concurrency", 2, "max_tokens", 16, "warmup", 0));
        ScenarioCellRunner cells = new ScenarioCellRunner(new HttpEngineConnector(),
                PromptPacks.fromDirectory(Path.of("..", "prompts")), LoadControl.standard(), true, null,
                new BreakerOptions(3, Duration.ofSeconds(2), Duration.ofMillis(200), false));
        CompletableFuture<Void> killer = CompletableFuture.runAsync(this::killTheEngineMidCell);
        StringWriter log = new StringWriter();
        MatrixRunner.Summary s = new MatrixRunner(config, out, cells, new PrintWriter(log)).run(false, false);
        killer.get(10, TimeUnit.SECONDS);

        assertThat(s).as(log.toString()).isEqualTo(new MatrixRunner.Summary(1, 1, 0, 0));
        assertThat(log.toString()).contains("engine down during", "restarting sim-a (1/2)");
        MatrixManifest manifest = TraceJson.mapper().readValue(MatrixManifest.path(out, "m-restart").toFile(),
                MatrixManifest.class);
        assertThat(manifest.cells()).extracting(MatrixManifest.CellState::status).containsExactly("complete");
        List<RunStatus> runs = runFolders().stream().map(MatrixEngineRestartTest::status).toList();
        assertThat(runs).containsExactlyInAnyOrder(RunStatus.ABORTED, RunStatus.COMPLETE);
        // --resume skips only the complete run, never the aborted one
        assertThat(CompletedCells.find(out, "m-restart").values()).singleElement()
                .satisfies(dir -> assertThat(status(dir)).isEqualTo(RunStatus.COMPLETE));
    }

    /** Waits until the first run has journaled a few requests, then SIGKILLs the simulator the matrix started. */
    private void killTheEngineMidCell() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                for (Path dir : runFolders()) {
                    Path journal = dir.resolve(TraceSchema.JOURNAL);
                    if (Files.exists(journal) && okLines(journal) >= 5) {
                        // the start command execs java: the only JVM this test's process tree started
                        ProcessHandle.current().descendants()
                                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                                .forEach(ProcessHandle::destroyForcibly);
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long okLines(Path journal) throws IOException {
        try (Stream<String> lines = Files.lines(journal)) {
            return lines.filter(l -> l.contains("\"outcome\":\"ok\"")).count();
        }
    }

    private List<Path> runFolders() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    private static RunStatus status(Path dir) {
        try {
            RunManifest m = new RunFolder(dir).readManifest();
            return m.status();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
