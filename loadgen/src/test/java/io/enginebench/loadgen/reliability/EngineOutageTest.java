package io.enginebench.loadgen.reliability;

import io.enginebench.loadgen.cli.RunCommand;
import io.enginebench.trace.EngineMetricSample;
import io.enginebench.trace.JournalReader;
import io.enginebench.trace.PromptRecord;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine (the simulator as a process of its own) is killed mid-run: the breaker trips after a few connection
 * failures, holds dispatch and polls the health endpoint; the run resumes when the test restarts the engine, or
 * aborts with status {@code aborted} and exit status 3 when it does not. No storm of failures is recorded.
 */
class EngineOutageTest {
    private static final int BREAKER_FAILURES = 3;
    private static final int CONCURRENCY = 2;
    private static final int REQUESTS = 60;
    private static final int KILL_AFTER = 6;

    @TempDir
    Path out;

    @Test
    void closedLoopWaitsForTheRestartedEngineAndRecordsTheOutage() throws Exception {
        try (SimProcess sim = SimProcess.start(out.resolve("sim.log"))) {
            CompletableFuture<Integer> run = bench(sim, "60", "single_request_latency", "--concurrency", "" + CONCURRENCY);
            Path dir = awaitJournal(run, KILL_AFTER);
            sim.kill();
            awaitOutageHeld(run, dir);
            sim.restart();
            assertThat(run.get(120, TimeUnit.SECONDS)).isZero();

            RunFolder folder = new RunFolder(dir);
            RunManifest m = folder.readManifest();
            assertThat(m.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(m.abortReason()).isNull();
            assertThat(m.outages()).hasSize(1);
            RunManifest.Outage o = m.outages().get(0);
            assertThat(o.resumed()).isTrue();
            assertThat(o.endNs()).isGreaterThan(o.startNs());
            assertThat(o.failures()).isEqualTo(BREAKER_FAILURES);
            assertThat(o.requestsNotSent()).isPositive();
            assertThat(o.catchUp()).isNull();
            List<RequestRecord> rows = folder.readRequests();
            assertThat(rows).hasSize(REQUESTS); // every planned request was sent, before or after the outage
            assertNoStorm(rows, CONCURRENCY);
            assertCutStreamsKeepTheirChunks(rows, m);
        }
    }

    @Test
    void closedLoopAbortsWhenTheEngineStaysDown() throws Exception {
        try (SimProcess sim = SimProcess.start(out.resolve("sim.log"))) {
            CompletableFuture<Integer> run = bench(sim, "3", "single_request_latency", "--concurrency", "" + CONCURRENCY);
            Path dir = awaitJournal(run, KILL_AFTER);
            sim.kill();
            assertThat(run.get(120, TimeUnit.SECONDS)).isEqualTo(RunCommand.EXIT_ABORTED);

            RunFolder folder = new RunFolder(dir);
            assertThat(folder.hasJournal()).isFalse(); // sealed: the pipeline can read it
            RunManifest m = folder.readManifest();
            assertThat(m.status()).isEqualTo(RunStatus.ABORTED);
            assertThat(m.abortReason()).isEqualTo(RunManifest.ENGINE_UNREACHABLE);
            assertThat(m.outages()).hasSize(1);
            RunManifest.Outage o = m.outages().get(0);
            assertThat(o.resumed()).isFalse();
            List<RequestRecord> rows = folder.readRequests();
            assertThat(rows.stream().filter(RequestRecord::isOk).count()).isGreaterThanOrEqualTo(KILL_AFTER);
            assertThat(rows.size() + o.requestsNotSent()).isEqualTo(REQUESTS); // nothing unaccounted for
            assertNoStorm(rows, CONCURRENCY);
            assertCutStreamsKeepTheirChunks(rows, m);
        }
    }

    @Test
    void openLoopResumesOnItsScheduleWithoutABurstOfBacklog() throws Exception {
        try (SimProcess sim = SimProcess.start(out.resolve("sim.log"))) {
            CompletableFuture<Integer> run = bench(sim, "60", "rate_sweep", "--rate", "10");
            Path dir = awaitJournal(run, KILL_AFTER);
            sim.kill();
            awaitOutageHeld(run, dir);
            Thread.sleep(1_000); // arrivals keep falling due while the engine is down
            sim.restart();
            assertThat(run.get(120, TimeUnit.SECONDS)).isZero();

            RunManifest m = new RunFolder(dir).readManifest();
            assertThat(m.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(m.outages()).hasSize(1);
            RunManifest.Outage o = m.outages().get(0);
            assertThat(o.catchUp()).isFalse();
            assertThat(o.requestsNotSent()).isGreaterThan(5); // ≥ 1 s of a 10 req/s schedule fell due
            List<RequestRecord> rows = new RunFolder(dir).readRequests();
            assertThat(rows).hasSize(REQUESTS);
            assertNoStorm(rows, 10); // ≈ 10 req/s × the time a request takes, with room for a loaded machine
            // without catch-up, the second after the engine returned carries the offered rate, not the backlog
            long burst = rows.stream().filter(r -> r.sentNs() != null && r.sentNs() >= o.endNs()
                    && r.sentNs() < o.endNs() + 1_000_000_000L).count();
            assertThat(burst).isLessThan(o.requestsNotSent());
        }
    }

    /**
     * Connection failures stop at the breaker's threshold (plus a request or two sent while the last one failed); the
     * other failures are the streams the kill cut, at most the requests in flight then.
     */
    private static void assertNoStorm(List<RequestRecord> rows, int inFlightBound) {
        List<String> failed = rows.stream().filter(r -> !r.isOk()).map(r -> r.outcome() + "/" + r.httpStatus())
                .toList();
        long connection = rows.stream().filter(r -> "connect_error".equals(r.outcome())
                || "stream_error".equals(r.outcome()) && r.httpStatus() == null).count();
        assertThat(connection).as("connection failures %s", failed).isLessThanOrEqualTo(BREAKER_FAILURES + 2L);
        assertThat((long) failed.size() - connection).as("cut streams %s", failed).isLessThanOrEqualTo(inFlightBound);
    }

    /** A stream the kill cut is never ok, and keeps every chunk it received. */
    private static void assertCutStreamsKeepTheirChunks(List<RequestRecord> rows, RunManifest m) {
        for (RequestRecord r : rows) {
            if (!"stream_error".equals(r.outcome())) continue;
            assertThat(r.chunkOffsetsNs()).hasSize(r.contentChunkCount());
        }
        long ok = rows.stream().filter(r -> r.isOk() && r.isMeasured()).count();
        assertThat(m.outcomes().getOrDefault("ok", 0L)).isEqualTo(ok);
        assertThat(rows.stream().filter(RequestRecord::isOk)).allSatisfy(r ->
                assertThat(r.finishReason()).isNotNull());
    }

    /** Starts {@code bench run} in this JVM against the simulator; completes with its exit status. */
    private CompletableFuture<Integer> bench(SimProcess sim, String engineWaitSeconds, String scenario,
                                             String... extra) {
        List<String> args = new ArrayList<>(List.of("--scenario", scenario, "--base-url",
                sim.baseUrl(), "--kind", "sim", "--variant", "vllm", "--model", "sim-fixed",
                "--requests", "" + REQUESTS, "--warmup", "0", "--max-tokens", "16",
                "--prompts-dir", Path.of("..", "prompts").toString(), "--output", out.toString(), "--quiet",
                "--hardware", "test", "--breaker-failures", "" + BREAKER_FAILURES,
                "--engine-wait", engineWaitSeconds));
        args.addAll(List.of(extra));
        return CompletableFuture.supplyAsync(() -> new CommandLine(new RunCommand()).execute(args.toArray(String[]::new)));
    }

    private Path awaitJournal(CompletableFuture<Integer> run, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(run).as("bench run ended before the kill").isNotDone();
            Optional<Path> dir = runFolder();
            if (dir.isPresent() && journalLines(dir.get(), "\"outcome\":\"ok\"") >= n) return dir.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no " + n + " requests journaled in time");
    }

    /**
     * Waits until the breaker must have tripped: the threshold of connection failures, as the breaker counts them (a
     * refused connection, or a stream that ended without an HTTP status), is in the journal.
     */
    private void awaitOutageHeld(CompletableFuture<Integer> run, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (connectionFailures(dir) < BREAKER_FAILURES) {
            assertThat(run).as("bench run ended during the outage").isNotDone();
            assertThat(System.nanoTime()).as("breaker never tripped").isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(Duration.ofMillis(300).toMillis());
    }

    private static long connectionFailures(Path dir) throws IOException {
        Path journal = dir.resolve(TraceSchema.JOURNAL);
        if (!Files.exists(journal)) return 0;
        AtomicLong n = new AtomicLong();
        JournalReader.replay(journal, new JournalReader.Sink() {
            @Override
            public void request(RequestRecord r) {
                if ("connect_error".equals(r.outcome()) || "stream_error".equals(r.outcome()) && r.httpStatus() == null) {
                    n.incrementAndGet();
                }
            }

            @Override
            public void metric(EngineMetricSample s) {}

            @Override
            public void prompt(PromptRecord p) {}
        });
        return n.get();
    }

    private static long journalLines(Path dir, String containing) throws IOException {
        Path journal = dir.resolve(TraceSchema.JOURNAL);
        if (!Files.exists(journal)) return 0;
        try (Stream<String> lines = Files.lines(journal)) {
            return lines.filter(l -> l.contains(containing)).count();
        }
    }

    private Optional<Path> runFolder() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).findFirst();
        }
    }
}
