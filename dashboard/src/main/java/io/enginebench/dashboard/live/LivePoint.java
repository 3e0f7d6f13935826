package io.enginebench.dashboard.live;

/**
 * One point of a run's live time series. Latencies are over the sliding window ending at {@code tS}; any value may be
 * null when the window holds no sample for it (JSON has no NaN).
 *
 * @param seq           increases by one with every point of the run, so a client appends only points it lacks
 * @param tS            seconds since the run epoch at the end of the window
 * @param tokensPerS    completion tokens of requests finished in the window, divided by the window length
 * @param kvCacheUsage  latest {@code kv_cache_usage} sample (0–1), max over series
 */
public record LivePoint(long seq, double tS, long requestsDone, long requestsFailed,
                        Double ttftP50Ms, Double ttftP99Ms, Double tpotP50Ms, Double tpotP99Ms,
                        Double tokensPerS, Double requestsPerS,
                        Double kvCacheUsage, Double requestsWaiting, Double requestsRunning) {
}
