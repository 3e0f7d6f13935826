package io.enginebench.loadgen.arrival;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shared between a run and its arrival processes: a stop flag (Ctrl-C) and how long to wait for in-flight requests
 * once stopping. A {@link #scoped()} control also stops with its parent; aborting it ends only its own scope.
 */
public final class LoadControl {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Duration stopGrace;
    private final LoadControl parent;
    private volatile String abortReason;

    public LoadControl(Duration stopGrace) { this(stopGrace, null); }

    private LoadControl(Duration stopGrace, LoadControl parent) {
        this.stopGrace = stopGrace;
        this.parent = parent;
    }

    /** A control for one part of the work (an iteration): stops when this one does, or on its own abort. */
    public LoadControl scoped() { return new LoadControl(stopGrace, this); }

    /** Stops this scope because it cannot go on (e.g. the engine is gone), not because the user asked. */
    public void abort(String reason) {
        abortReason = reason;
        stop.set(true);
    }

    /** Why this scope was aborted, or null. */
    public String abortReason() { return abortReason; }

    public static LoadControl standard() { return new LoadControl(Duration.ofSeconds(10)); }

    public void requestStop() { stop.set(true); }

    public boolean stopRequested() { return stop.get() || parent != null && parent.stopRequested(); }

    public Duration stopGrace() { return stopGrace; }
}
