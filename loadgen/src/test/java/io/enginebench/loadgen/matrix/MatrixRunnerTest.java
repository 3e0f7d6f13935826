package io.enginebench.loadgen.matrix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import io.enginebench.loadgen.engine.EngineProfile;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.TraceSchema;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixRunnerTest {
    private HttpServer health;
    private String baseUrl;

    @BeforeEach
    void startHealthEndpoint() throws Exception {
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        health.start();
        baseUrl = "http://127.0.0.1:" + health.getAddress().getPort();
    }

    @AfterEach
    void stop() { health.stop(0); }

    private MatrixConfig config() {
        var engine = new EngineProfile("sim-a", "sim", "vllm", baseUrl, null, null, null, null, "/health", 5, 0);
        return new MatrixConfig("m1", null, 2, List.of("single_request_latency", "throughput_ramp"),
                List.of("model-x"), List.of(engine), Map.of());
    }

    /** Writes a complete run folder for the cell, like the real runner does. */
    private static Path writeRun(MatrixCell cell, String matrixId, Path output) throws Exception {
        String runId = UUID.randomUUID().toString();
        RunFolder folder = new RunFolder(output.resolve(runId));
        RunManifest m = new RunManifest(runId, TraceSchema.VERSION, "2026-11-28T00:00:00Z", null, RunStatus.RUNNING,
                cell.scenario(), JsonNodeFactory.instance.objectNode(),
                new RunManifest.EngineInfo(cell.engine().kind(), cell.engine().variant(), cell.engine().baseUrl(),
                        cell.model(), null, null, null),
                null, null, null, null, cell.iteration(), matrixId, Map.of(), 0L, null, Map.of());
        folder.writeManifest(m);
        folder.seal(m, RunStatus.COMPLETE);
        return folder.dir();
    }

    private static final class Killed extends Error {}

    @Test
    void killedMatrixResumesWithoutRedoingCompletedCells(@TempDir Path out) throws Exception {
        List<String> firstAttempt = new ArrayList<>();
        CellRunner dies = (cell, id, output, o) -> {
            if (firstAttempt.size() == 3) throw new Killed();
            firstAttempt.add(cell.key());
            return writeRun(cell, id, output);
        };
        StringWriter log = new StringWriter();
        assertThatThrownBy(() -> new MatrixRunner(config(), out, dies, new PrintWriter(log)).run(false, false))
                .isInstanceOf(Killed.class);
        assertThat(firstAttempt).hasSize(3);

        assertThatThrownBy(() -> new MatrixRunner(config(), out, (c, i, o, v) -> writeRun(c, i, o),
                new PrintWriter(log)).run(false, false))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("--resume");

        List<String> secondAttempt = new ArrayList<>();
        MatrixRunner.Summary s = new MatrixRunner(config(), out, (cell, id, output, o) -> {
            secondAttempt.add(cell.key());
            return writeRun(cell, id, output);
        }, new PrintWriter(log)).run(true, false);

        assertThat(secondAttempt).hasSize(1).doesNotContainAnyElementsOf(firstAttempt);
        assertThat(s).isEqualTo(new MatrixRunner.Summary(4, 1, 3, 0));
        MatrixManifest manifest = TraceJson.mapper().readValue(
                MatrixManifest.path(out, "m1").toFile(), MatrixManifest.class);
        assertThat(manifest.status()).isEqualTo("complete");
        assertThat(manifest.cells()).extracting(MatrixManifest.CellState::status)
                .containsExactlyInAnyOrder("skipped_complete", "skipped_complete", "skipped_complete", "complete");
    }

    @Test
    void dryRunListsCellsAndRunsNothing(@TempDir Path out) throws Exception {
        StringWriter log = new StringWriter();
        MatrixRunner.Summary s = new MatrixRunner(config(), out, (c, i, o, v) -> {
            throw new AssertionError("dry run must not run cells");
        }, new PrintWriter(log)).run(false, true);
        assertThat(s.total()).isEqualTo(4);
        assertThat(log.toString()).contains("run      model-x | vllm | throughput_ramp | #2");
        assertThat(Files.exists(MatrixManifest.path(out, "m1"))).isFalse();
    }

    @Test
    void refusesToStartAnEngineWhileAnotherAnswersOnItsUrl(@TempDir Path out) throws Exception {
        var engine = new EngineProfile("second", "sim", "sglang", baseUrl, null, null, "true", null, "/health", 5, 0);
        MatrixConfig c = new MatrixConfig("m2", null, 1, List.of("single_request_latency"), List.of("model-x"),
                List.of(engine), Map.of());
        StringWriter log = new StringWriter();
        MatrixRunner.Summary s = new MatrixRunner(c, out, (cell, id, o, v) -> writeRun(cell, id, o),
                new PrintWriter(log)).run(false, false);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(log.toString()).contains("one engine per GPU");
    }

    @Test
    void startCommandFailureFailsItsCellsAndTheMatrixGoesOn(@TempDir Path out) throws Exception {
        var broken = new EngineProfile("broken", "vllm", "vllm", "http://127.0.0.1:1", null, null, "exit 3", null, "/health", 5, 0);
        var good = new EngineProfile("good", "sim", "sglang", baseUrl, null, null, null, null, "/health", 5, 0);
        MatrixConfig c = new MatrixConfig("m3", null, 1, List.of("single_request_latency"), List.of("model-x"),
                List.of(broken, good), Map.of());
        StringWriter log = new StringWriter();
        MatrixRunner.Summary s = new MatrixRunner(c, out, (cell, id, o, v) -> writeRun(cell, id, o),
                new PrintWriter(log)).run(false, false);
        assertThat(s).isEqualTo(new MatrixRunner.Summary(2, 1, 0, 1));
        assertThat(log.toString()).contains("exited with 3");
    }
}
