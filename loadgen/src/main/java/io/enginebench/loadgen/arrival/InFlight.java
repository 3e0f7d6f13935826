package io.enginebench.loadgen.arrival;

import java.util.concurrent.TimeUnit;

/** Counts requests in flight so a load can wait for the last of them (without a deadline, or briefly when stopping). */
final class InFlight {
    private long count;

    synchronized void begin() { count++; }

    synchronized void end() {
        count--;
        if (count == 0) notifyAll();
    }

    synchronized long count() { return count; }

    /** Waits until nothing is in flight, or the stop flag is raised and then {@code grace} passes. */
    boolean awaitEmpty(LoadControl control) throws InterruptedException {
        long graceEnd = Long.MAX_VALUE;
        synchronized (this) {
            while (count > 0) {
                long now = System.nanoTime();
                if (control.stopRequested() && graceEnd == Long.MAX_VALUE) {
                    graceEnd = now + control.stopGrace().toNanos();
                }
                if (graceEnd != Long.MAX_VALUE && now - graceEnd >= 0) return false;
                long waitMs = graceEnd == Long.MAX_VALUE ? 50 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(graceEnd - now));
                wait(Math.min(waitMs, 50));
            }
            return true;
        }
    }
}
