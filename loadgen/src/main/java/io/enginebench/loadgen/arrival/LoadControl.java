package io.enginebench.loadgen.arrival;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shared between a run and its arrival processes: a stop flag (Ctrl-C) and how long to wait for in-flight requests
 * once stopping.
 */
public final class LoadControl {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Duration stopGrace;

    public LoadControl(Duration stopGrace) { this.stopGrace = stopGrace; }

    public static LoadControl standard() { return new LoadControl(Duration.ofSeconds(10)); }

    public void requestStop() { stop.set(true); }

    public boolean stopRequested() { return stop.get(); }

    public Duration stopGrace() { return stopGrace; }
}
