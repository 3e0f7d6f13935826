package io.enginebench.loadgen.summary;

/**
 * End-of-run statistics of one level (measured requests only; failed requests are counted but excluded from
 * latencies). Durations and rates per docs/METRICS.md: first measured send to last measured completion.
 *
 * <p>{@code ttft*} and {@code e2e*} are timed from the actual send ({@code sent_ns}); {@code ttftSched*} and
 * {@code e2eSched*} from the scheduled send ({@code scheduled_ns}), queueing included. Open-loop levels (a target
 * rate) are shown and judged on the scheduled figures ({@link #judged()}), since timing them from the send would hide
 * the wait that an overloaded engine imposes (coordinated omission).
 *
 * <p>{@code exactPercentiles} is false for a level with more successful requests than {@link LatencySamples} keeps
 * exactly: its percentiles are then HdrHistogram's (3 significant digits).
 */
public record LevelStats(int levelIndex, String arm, Integer concurrency, Double targetRate, long ok, long failed,
                         double ttftP50Ms, double ttftP90Ms, double ttftP99Ms,
                         double tpotP50Ms, double tpotP90Ms, double tpotP99Ms,
                         double durationS, double outputTps, double requestRps,
                         double ttftSchedP50Ms, double ttftSchedP90Ms, double ttftSchedP99Ms,
                         double e2eP50Ms, double e2eP99Ms, double e2eSchedP50Ms, double e2eSchedP99Ms,
                         boolean exactPercentiles) {

    public double errorRate() { return ok + failed == 0 ? 0 : (double) failed / (ok + failed); }

    public boolean openLoop() { return targetRate != null; }

    /** The latency figures this level is shown and judged by, named by their basis. */
    public Judged judged() {
        return openLoop()
                ? new Judged("scheduled", ttftSchedP50Ms, ttftSchedP90Ms, ttftSchedP99Ms, e2eSchedP50Ms, e2eSchedP99Ms)
                : new Judged("sent", ttftP50Ms, ttftP90Ms, ttftP99Ms, e2eP50Ms, e2eP99Ms);
    }

    /** @param basis {@code scheduled} (ttft_sched, e2e_sched) or {@code sent} (ttft, e2e) */
    public record Judged(String basis, double ttftP50Ms, double ttftP90Ms, double ttftP99Ms, double e2eP50Ms,
                         double e2eP99Ms) {}
}
