package io.enginebench.cli;

import io.enginebench.loadgen.matrix.MatrixManifest;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `bench matrix` as users run it: real processes, a simulator started by the profile's start command, the matrix
 * killed with SIGKILL half-way (engine and all), then resumed: completed cells are not run again.
 */
class MatrixKillResumeTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static String benchCommand() {
        return JAVA + " -cp " + System.getProperty("java.class.path") + " io.enginebench.cli.Bench";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process matrix(Path config, Path out, boolean resume) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"),
                "io.enginebench.cli.Bench", "matrix", "--config", config.toString(), "--output", out.toString()));
        if (resume) cmd.add("--resume");
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(resume ? "resume.log" : "first.log").toFile()).start();
    }

    private static Set<Path> completeRuns(Path out) throws IOException {
        if (!Files.isDirectory(out)) return Set.of();
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> {
                try {
                    return Files.exists(p.resolve("manifest.json"))
                            && new RunFolder(p).readManifest().status() == RunStatus.COMPLETE;
                } catch (IOException e) {
                    return false;
                }
            }).collect(Collectors.toSet());
        }
    }

    @Test
    void killedMatrixResumesWithoutRedoingCompletedCells(@TempDir Path tmp) throws Exception {
        int port = freePort();
        Path out = tmp.resolve("raw");
        Path config = tmp.resolve("matrix.yaml");
        Files.writeString(config, """
                matrix_id: kill-test
                iterations: 4
                scenarios: [single_request_latency]
                models: [fixed]
                overrides: {requests: 6, warmup: 1, max_tokens: 24}
                engines:
                  - name: sim
                    kind: sim
                    variant: vllm
                    base_url: http://127.0.0.1:%d
                    start_command: '%s engine sim --personality vllm --port %d --preset "$MODEL" --model "$MODEL"'
                    startup_timeout_seconds: 60
                    cooldown_seconds: 0
                """.formatted(port, benchCommand(), port));

        Process first = matrix(config, out, false);
        // generous: on a loaded host the engine's and the matrix's JVMs start slowly; the wait ends at two cells
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (completeRuns(out).size() < 2 && System.nanoTime() < deadline && first.isAlive()) Thread.sleep(100);
        Set<Path> beforeKill = completeRuns(out);
        assertThat(beforeKill).as("cells completed before the kill; log:%n%s", Files.readString(tmp.resolve("first.log")))
                .hasSizeGreaterThanOrEqualTo(2);
        first.descendants().forEach(ProcessHandle::destroyForcibly);   // the engine dies with the machine
        first.destroyForcibly();
        first.waitFor(10, TimeUnit.SECONDS);
        Set<Path> afterKill = completeRuns(out);
        assertThat(afterKill.size()).as("the kill came before the end").isLessThan(4);

        Process resume = matrix(config, out, true);
        assertThat(resume.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue()).as(Files.readString(tmp.resolve("resume.log"))).isZero();

        Set<Path> all = completeRuns(out);
        assertThat(all).hasSize(4).containsAll(afterKill);
        MatrixManifest m = TraceJson.mapper().readValue(MatrixManifest.path(out, "kill-test").toFile(),
                MatrixManifest.class);
        assertThat(m.status()).isEqualTo("complete");
        assertThat(m.cells().stream().filter(c -> c.status().equals("skipped_complete")).count())
                .isEqualTo(afterKill.size());
        assertThat(m.cells().stream().filter(c -> c.status().equals("complete")).count())
                .isEqualTo(4 - afterKill.size());
        assertThat(Files.readString(tmp.resolve("resume.log"))).contains("skipped (already complete)");
    }
}
