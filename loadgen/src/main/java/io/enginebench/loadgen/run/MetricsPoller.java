package io.enginebench.loadgen.run;

import io.enginebench.trace.EngineMetricSample;

import java.util.function.Consumer;

/** Scrapes the engine's metrics while a run is going; samples carry offsets from the run epoch. */
public interface MetricsPoller {
    /** @param epochNanos {@code System.nanoTime()} of the run's offset 0 */
    void start(long epochNanos, Consumer<EngineMetricSample> sink);

    /** Stops scraping; no sample reaches the sink after this returns. */
    void stop();

    /** Whether the engine serves metrics: false when its metrics path answered 404, null when unknown. */
    default Boolean metricsEndpoint() { return null; }

    MetricsPoller NONE = new MetricsPoller() {
        @Override public void start(long epochNanos, Consumer<EngineMetricSample> sink) {}

        @Override public void stop() {}
    };
}
