package io.enginebench.loadgen.client;

import io.enginebench.trace.Outcome;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Compiles the client's hot path before anything is measured: streams from an in-process loopback source through a
 * client of its own (the same Netty pipeline, SSE decoder, chunk parser and request state machine as the run's),
 * until the budget is spent. Without it the first levels of a run are measured while the JIT still compiles that
 * path, with tails several times the warm ones. It sends nothing to the engine under test; once per process, since
 * compiled code stays for the life of the JVM.
 */
public final class SelfWarmup {
    /** Whether a run warms the client first ({@code --client-warmup}). */
    public enum Mode {
        /** no warm-up: the first levels may be measured with a cold client (kept to measure exactly that) */
        NONE,
        /** warm up once per process, before the first run's first request */
        AUTO
    }

    /** What a warm-up did. */
    public record Report(long requests, long events, Duration took, String failure) {
        public String describe() {
            return failure != null ? "client warm-up failed, first levels may be measured cold: " + failure
                    : String.format("client warm-up: %d requests, %d events in %d ms (once per process)", requests,
                            events, took.toMillis());
        }
    }

    /**
     * Events to stream: enough for the per-event methods to pass the JIT's top-tier thresholds many times over and
     * the per-request ones (one call per 16 events) to reach them. About half a second on an idle 2-core host.
     */
    static final long EVENTS = 60_000;
    /**
     * The most it may take, on a host too busy to reach {@link #EVENTS} sooner (the JIT's thresholds rise with its
     * queue there, so fewer events would leave the hot path half compiled); what it compiled by then still counts, and
     * the first level's {@code jit_ms} shows what it did not.
     */
    static final Duration TIME_CAP = Duration.ofSeconds(10);
    /** after the load, how long the JIT may take to finish what it queued (it is watched, not waited for blindly) */
    static final Duration SETTLE_CAP = Duration.ofSeconds(1);
    /** a JIT that compiled nothing for this long is taken as done */
    static final long QUIET_MILLIS = 50;
    static final int CONCURRENCY = 32;
    static final int EVENTS_PER_RESPONSE = 16;
    static final int EVENTS_PER_WRITE = 4;
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private SelfWarmup() {}

    /** True until this process has warmed up. */
    public static boolean pending() { return !DONE.get(); }

    /**
     * Warms the client unless this process already did (then empty).
     *
     * @param results also given every result, on the client's event loop, so what a run does with one (turn it into
     *                a trace row, journal it) is compiled too
     */
    public static Optional<Report> oncePerProcess(Consumer<StreamResult> results) {
        if (!DONE.compareAndSet(false, true)) return Optional.empty();
        long start = System.nanoTime();
        Report report = run(EVENTS, CONCURRENCY, results);
        settle(SETTLE_CAP);
        return Optional.of(new Report(report.requests(), report.events(), since(start), report.failure()));
    }

    /**
     * Returns once the JIT has compiled nothing for a while (or after {@code cap}): the load queued compilations that
     * would otherwise run, and take a core, during the first measured level.
     */
    static void settle(Duration cap) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return;
        long end = System.nanoTime() + cap.toNanos();
        long last = jit.getTotalCompilationTime();
        try {
            while (System.nanoTime() - end < 0) {
                Thread.sleep(QUIET_MILLIS);
                long now = jit.getTotalCompilationTime();
                if (now == last) return;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Streams {@code targetEvents} (within the caps) with {@code concurrency} requests in flight; never throws. */
    static Report run(long targetEvents, int concurrency, Consumer<StreamResult> results) {
        long start = System.nanoTime();
        long deadline = start + TIME_CAP.toNanos();
        AtomicLong requests = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        String[] firstError = new String[1];
        try (LoopbackSseSource source = new LoopbackSseSource(EVENTS_PER_RESPONSE, EVENTS_PER_WRITE);
             NettyStreamingClient client = NettyStreamingClient.create(source.baseUrl(),
                     ClientOptions.forConcurrency(concurrency), name -> null)) {
            StreamRequest request = new StreamRequest("/v1/chat/completions",
                    "{\"model\":\"warmup\",\"stream\":true}".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(10), Duration.ofSeconds(5));
            CountDownLatch users = new CountDownLatch(concurrency);
            for (int i = 0; i < concurrency; i++) {
                new Runnable() {
                    @Override
                    public void run() {
                        client.send(request).whenComplete((r, e) -> {
                            requests.incrementAndGet();
                            if (r != null && r.outcome() == Outcome.OK) {
                                events.addAndGet(r.contentChunkCount());
                                results.accept(r);
                            } else if (failures.incrementAndGet() == 1) {
                                firstError[0] = e != null ? e.toString() : r.outcome() + ": " + r.error();
                            }
                            long now = System.nanoTime();
                            long streamed = events.get();
                            boolean enough = streamed >= targetEvents || now - deadline >= 0;
                            if (!enough
                                    && failures.get() < concurrency) {
                                run();
                            } else {
                                users.countDown();
                            }
                        });
                    }
                }.run();
            }
            if (!users.await(TIME_CAP.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                return new Report(requests.get(), events.get(), since(start), "the loopback source stopped answering");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Report(requests.get(), events.get(), since(start), "interrupted");
        } catch (RuntimeException e) {
            return new Report(requests.get(), events.get(), since(start), e.toString());
        }
        return new Report(requests.get(), events.get(), since(start),
                failures.get() >= concurrency ? firstError[0] : null);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
