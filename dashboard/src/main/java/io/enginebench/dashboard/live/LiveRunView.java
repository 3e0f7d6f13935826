package io.enginebench.dashboard.live;

import java.util.List;

/**
 * What the dashboard shows about one run it watches: identity from the manifest, counters and the latest point.
 *
 * @param inFlightEstimate the journal records only finished requests, so this is the concurrency in effect (closed
 *                         loop, or the cap of an open loop) while the run is running; null otherwise
 * @param idleS            seconds since the journal last grew while the run is running (a large value suggests a
 *                         stalled or killed run whose manifest was never finished; bench recover seals it); else null
 * @param history          the run's recent points (only in the first message to a new subscriber), else null
 */
public record LiveRunView(String runId, String status, String scenario, String engine, String variant, String model,
                          boolean simulated, String matrixId, String createdAt,
                          long requestsDone, long requestsFailed, long requestsMeasured, long warmupDone,
                          long badLines, Integer levelIndex, Integer concurrency, Double targetRate,
                          Integer inFlightEstimate, Double idleS, double windowS, LivePoint latest, List<LivePoint> history) {

    LiveRunView withHistory(List<LivePoint> points) {
        return new LiveRunView(runId, status, scenario, engine, variant, model, simulated, matrixId, createdAt,
                requestsDone, requestsFailed, requestsMeasured, warmupDone, badLines, levelIndex, concurrency,
                targetRate, inFlightEstimate, idleS, windowS, latest, points);
    }
}
