package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.Slot;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.RunManifest.LevelCheck;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The client's own figures for one level's measured phase, kept as bounded summaries: the closed loop's hand-off
 * (a slot freed by a completion → the next request's bytes written) and the JIT compiler's time while the phase ran,
 * which tells whether the client was still compiling its hot path while it measured.
 */
final class LevelSelfCheck {
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final String level;
    private final Integer concurrency;
    private final boolean closedLoop;
    /** recorded on the client's event loops */
    private final Histogram handOff = new SynchronizedHistogram(3);
    private final long jitStartMs;

    LevelSelfCheck(LevelPlan plan) {
        this.level = plan.label();
        this.concurrency = plan.concurrency();
        this.closedLoop = !plan.openLoop();
        this.jitStartMs = jitMillis();
    }

    /** Counts a measured request's hand-off when its slot was freed by the request before it and it was written. */
    void record(Slot slot, StreamResult result) {
        if (!slot.handOff() || result.outcome() == Outcome.CONNECT_ERROR || result.outcome() == Outcome.CANCELLED) {
            return;
        }
        handOff.recordValue(Math.max(0, result.sentNanos() - slot.scheduledNanos()));
    }

    /** The phase ended now. */
    LevelCheck result() {
        long jitEnd = jitMillis();
        Double jit = jitStartMs < 0 || jitEnd < 0 ? null : (double) (jitEnd - jitStartMs);
        if (!closedLoop) return new LevelCheck(level, concurrency, null, null, null, null, jit);
        long n = handOff.getTotalCount();
        return new LevelCheck(level, concurrency, n, n == 0 ? null : handOff.getValueAtPercentile(50) / 1e6,
                n == 0 ? null : handOff.getValueAtPercentile(99) / 1e6, n == 0 ? null : handOff.getMaxValue() / 1e6, jit);
    }

    /** Total JIT compilation time of this JVM so far, or −1 when it is not monitored. */
    static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }
}
