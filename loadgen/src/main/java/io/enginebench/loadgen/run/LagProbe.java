package io.enginebench.loadgen.run;

import org.HdrHistogram.Histogram;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How late a periodic task runs on an executor: when the executor's thread is starved (busy cores, a blocked loop, a
 * GC pause), the task runs late by the stall. Each run schedules the next one period after itself, so a stall is
 * measured once from its real start instead of being replayed as a burst of missed ticks, and it is recorded with the
 * ticks it swallowed ({@link Histogram#recordValueWithExpectedInterval}), so percentiles are shares of time stalled.
 *
 * <p>It records only while {@linkplain #record(boolean) told to}: a stall matters only while measured requests are in
 * flight, and one that began before is counted from the moment recording started.
 */
final class LagProbe {
    private final ScheduledExecutorService executor;
    private final long periodNanos;
    private final Histogram lag = new Histogram(3);
    private volatile boolean stopped;
    /** when recording (re)started, {@link #PAUSED} while not recording */
    private volatile long recordingSince;
    private static final long PAUSED = Long.MIN_VALUE;

    /** @param recording whether it records from the start or only once {@link #record(boolean) record(true)} */
    LagProbe(ScheduledExecutorService executor, long periodNanos, boolean recording) {
        this.executor = executor;
        this.periodNanos = periodNanos;
        long now = System.nanoTime();
        this.recordingSince = recording ? now : PAUSED;
        scheduleAfter(now);
    }

    /** Starts or pauses recording; ticks while paused are not recorded. */
    void record(boolean on) {
        if (on && recordingSince == PAUSED) recordingSince = System.nanoTime();
        else if (!on) recordingSince = PAUSED;
    }

    private void scheduleAfter(long from) {
        long due = from + periodNanos;
        try {
            executor.schedule(() -> tick(due), periodNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true; // the executor shut down: the probe ends with it
        }
    }

    private void tick(long due) {
        long now = System.nanoTime();
        long since = recordingSince;
        if (since != PAUSED) {
            synchronized (lag) {
                lag.recordValueWithExpectedInterval(Math.max(0, now - Math.max(due, since)), periodNanos);
            }
        }
        if (!stopped) scheduleAfter(now);
    }

    /** Lag at percentile {@code p} in ms, NaN before the first sample. */
    double percentileMs(double p) {
        synchronized (lag) {
            return lag.getTotalCount() == 0 ? Double.NaN : lag.getValueAtPercentile(p) / 1e6;
        }
    }

    /** Longest lag in ms, NaN before the first sample. */
    double maxMs() {
        synchronized (lag) {
            return lag.getTotalCount() == 0 ? Double.NaN : lag.getMaxValue() / 1e6;
        }
    }

    void stop() { stopped = true; }
}
