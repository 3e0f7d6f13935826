package io.enginebench.loadgen.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.cli.LoadgenMainForTests;
import io.enginebench.loadgen.cli.RecoverCommand;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@code kill -9} of a real {@code bench run} process, then {@code bench recover}: nothing journaled is lost. */
class CrashRecoveryTest {
    private static final int KILL_AFTER_REQUESTS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void sigkilledRunRecoversEveryJournaledRequestAsPartial() throws Exception {
        // fixed preset at speed 1: 10 ms per token, 16 tokens ≈ 0.2 s per request; 300 requests would take a minute
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED))) {
            Process run = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    LoadgenMainForTests.class.getName(), "--scenario", "single_request_latency",
                    "--base-url", sim.baseUrl(), "--kind", "sim", "--variant", "vllm",
                    "--model", sim.config().modelName(), "--requests", "300", "--warmup", "0", "--max-tokens", "16",
                    "--prompts-dir", Path.of("..", "prompts").toString(), "--output", out.toString(), "--quiet",
                    "--hardware", "test")
                    .redirectErrorStream(true)
                    .redirectOutput(out.resolve("bench-run.log").toFile())
                    .start();
            Set<Long> journaledBeforeKill;
            Path runDir;
            try {
                runDir = assertTimeoutPreemptively(Duration.ofSeconds(40), () -> awaitJournal(run, KILL_AFTER_REQUESTS));
                journaledBeforeKill = journaledRequests(runDir);
                run.destroyForcibly(); // SIGKILL: no shutdown hook, no seal
                assertThat(run.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            } finally {
                run.destroyForcibly();
            }
            assertThat(run.exitValue()).isNotZero();
            assertThat(journaledBeforeKill).hasSizeGreaterThanOrEqualTo(KILL_AFTER_REQUESTS);
            RunFolder folder = new RunFolder(runDir);
            assertThat(folder.hasJournal()).isTrue();
            assertThat(folder.readManifest().status()).isEqualTo(RunStatus.RUNNING);

            assertThat(new CommandLine(new RecoverCommand()).execute(runDir.toString())).isZero();

            RunManifest m = folder.readManifest();
            assertThat(m.status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(m.schemaVersion()).isEqualTo(TraceSchema.VERSION);
            assertThat(m.runId()).isEqualTo(runDir.getFileName().toString());
            assertThat(m.finishedAt()).isNotNull();
            assertThat(folder.hasJournal()).isFalse();
            List<RequestRecord> rows = folder.readRequests();
            Set<Long> recovered = rows.stream().map(RequestRecord::requestIndex).collect(Collectors.toSet());
            assertThat(recovered).containsAll(journaledBeforeKill);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.runId()).isEqualTo(m.runId());
                assertThat(r.outcome()).isEqualTo("ok");
            });
            assertThat(m.outcomes()).containsEntry("ok", (long) rows.size());
            assertThat(rows.size()).isLessThan(300); // it really was cut short
        }
    }

    /** Polls until the single run folder's journal holds at least {@code n} requests; returns the folder. */
    private Path awaitJournal(Process run, int n) throws Exception {
        while (true) {
            assertThat(run.isAlive()).as("bench run exited early: %s", log()).isTrue();
            Optional<Path> dir = runFolder();
            if (dir.isPresent() && Files.exists(dir.get().resolve(TraceSchema.JOURNAL))
                    && journaledRequests(dir.get()).size() >= n) {
                return dir.get();
            }
            Thread.sleep(50);
        }
    }

    private Optional<Path> runFolder() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).findFirst();
        }
    }

    /** request_index of every complete request line of the journal (a torn last line is skipped, as recovery does). */
    private static Set<Long> journaledRequests(Path runDir) throws IOException {
        Set<Long> ids = new TreeSet<>();
        for (String line : Files.readAllLines(runDir.resolve(TraceSchema.JOURNAL))) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            if (node != null && node.has("request")) ids.add(node.get("request").get("request_index").asLong());
        }
        return new HashSet<>(ids);
    }

    private String log() throws IOException {
        Path log = out.resolve("bench-run.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
