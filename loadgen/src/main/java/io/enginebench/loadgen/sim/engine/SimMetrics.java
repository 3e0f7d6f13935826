package io.enginebench.loadgen.sim.engine;

import java.util.ArrayDeque;

/** Counters and histograms the engine updates on its own thread; {@link #snapshot} copies them for a reader. */
public final class SimMetrics {
    private static final double[] LATENCY_BOUNDS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    private static final double[] TOKEN_GAP_BOUNDS = {0.001, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05,
            0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5};
    private static final long THROUGHPUT_WINDOW_NANOS = 2_000_000_000L;

    long promptTokens;
    long generationTokens;
    long prefixQueries;
    long prefixHits;
    long specDrafts;
    long specDraftTokens;
    long specAccepted;
    long finishedStop;
    long finishedLength;
    long finishedAbort;
    long preemptions;
    final Histogram ttft = new Histogram(LATENCY_BOUNDS);
    final Histogram interToken = new Histogram(TOKEN_GAP_BOUNDS);
    final Histogram e2e = new Histogram(LATENCY_BOUNDS);
    private final ArrayDeque<long[]> recentSteps = new ArrayDeque<>();

    void stepGenerated(long endNanos, long tokens) {
        recentSteps.addLast(new long[] {endNanos, tokens});
        while (!recentSteps.isEmpty() && recentSteps.peekFirst()[0] < endNanos - THROUGHPUT_WINDOW_NANOS) {
            recentSteps.pollFirst();
        }
    }

    /** Engine state that is not a counter, read at snapshot time. */
    record Live(int running, int waiting, double kvUsage, long kvCapacityTokens) {}

    MetricsSnapshot snapshot(Live live, long nowNanos) {
        long windowTokens = 0;
        long oldest = nowNanos;
        for (long[] s : recentSteps) {
            if (s[0] >= nowNanos - THROUGHPUT_WINDOW_NANOS) {
                windowTokens += s[1];
                oldest = Math.min(oldest, s[0]);
            }
        }
        double genThroughput = windowTokens == 0 ? 0
                : windowTokens / (Math.max(nowNanos - oldest, 100_000_000L) / 1e9);
        return new MetricsSnapshot(live.running(), live.waiting(), live.kvUsage(), live.kvCapacityTokens(),
                promptTokens, generationTokens, prefixQueries, prefixHits, specDrafts, specDraftTokens, specAccepted,
                finishedStop, finishedLength, finishedAbort, preemptions, genThroughput,
                ttft.copy(), interToken.copy(), e2e.copy());
    }
}
