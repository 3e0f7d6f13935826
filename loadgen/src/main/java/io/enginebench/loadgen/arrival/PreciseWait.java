package io.enginebench.loadgen.arrival;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a {@code System.nanoTime()} deadline with sub-millisecond accuracy: parks (cheap, but the OS may wake
 * it tens of microseconds late) until {@code spinNanos} before the deadline, then spins for the rest. Only for the
 * dedicated scheduler thread: spinning costs CPU in proportion to {@code spinNanos × rate}.
 */
public final class PreciseWait {
    public static final long DEFAULT_SPIN_NANOS = 100_000;

    private final long spinNanos;

    public PreciseWait(long spinNanos) { this.spinNanos = spinNanos; }

    public static PreciseWait standard() { return new PreciseWait(DEFAULT_SPIN_NANOS); }

    /** Returns the time the wait ended, never before {@code deadline} (unless interrupted). */
    public long until(long deadline) {
        long now = System.nanoTime();
        while (deadline - now > spinNanos) {
            LockSupport.parkNanos(deadline - now - spinNanos);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return System.nanoTime();
            }
            now = System.nanoTime();
        }
        while (deadline - now > 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        return now;
    }
}
