package io.enginebench.loadgen.summary;

/**
 * End-of-run statistics of one level (measured requests only; failed requests are counted but excluded from
 * latencies). Durations and rates per docs/METRICS.md: first measured send to last measured completion.
 */
public record LevelStats(int levelIndex, String arm, Integer concurrency, Double targetRate, long ok, long failed,
                         double ttftP50Ms, double ttftP90Ms, double ttftP99Ms,
                         double tpotP50Ms, double tpotP90Ms, double tpotP99Ms,
                         double durationS, double outputTps, double requestRps) {

    public double errorRate() { return ok + failed == 0 ? 0 : (double) failed / (ok + failed); }
}
