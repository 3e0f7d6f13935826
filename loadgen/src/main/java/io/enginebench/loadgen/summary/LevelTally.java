package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

/**
 * The running summary of one level's measured requests, updated as each finishes: counts, token total, the first
 * send and last completion, and the latency samples {@link LevelStats} reads. Holds no record; its size does not
 * grow past {@link LatencySamples#EXACT_LIMIT} values per metric.
 */
public final class LevelTally {
    private final int levelIndex;
    private final String arm;
    private final Integer concurrency;
    private final Double targetRate;
    private long ok;
    private long failed;
    private long tokens;
    private long firstSent = Long.MAX_VALUE;
    private long lastDone = Long.MIN_VALUE;
    private final LatencySamples ttft = new LatencySamples();
    private final LatencySamples ttftSched = new LatencySamples();
    private final LatencySamples tpot = new LatencySamples();
    private final LatencySamples e2e = new LatencySamples();
    private final LatencySamples e2eSched = new LatencySamples();

    /** A tally for the level of {@code first} (its index, arm, concurrency and rate). */
    public LevelTally(RequestRecord first) {
        this.levelIndex = first.levelIndex();
        this.arm = first.arm();
        this.concurrency = first.concurrency();
        this.targetRate = first.targetRate();
    }

    public synchronized void add(RequestRecord r) {
        if (r.sentNs() != null) firstSent = Math.min(firstSent, r.sentNs());
        if (r.completedNs() != null) lastDone = Math.max(lastDone, r.completedNs());
        if (!r.isOk()) {
            failed++;
            return;
        }
        ok++;
        if (r.completionTokens() != null) tokens += r.completionTokens();
        ttft.add(RequestLatency.ttftMs(r));
        ttftSched.add(RequestLatency.ttftSchedMs(r));
        tpot.add(RequestLatency.tpotMs(r));
        e2e.add(RequestLatency.e2eMs(r));
        e2eSched.add(RequestLatency.e2eSchedMs(r));
    }

    public synchronized long ok() { return ok; }

    public synchronized long failed() { return failed; }

    /** TTFT from the scheduled send of the successful requests (what an SLO probe is judged on). */
    public LatencySamples ttftSched() { return ttftSched; }

    public LatencySamples tpot() { return tpot; }

    /** False once a metric had more values than it keeps exactly (its percentiles are then HdrHistogram's). */
    public boolean exact() {
        return ttft.exact() && ttftSched.exact() && tpot.exact() && e2e.exact() && e2eSched.exact();
    }

    public synchronized LevelStats stats() {
        double duration = lastDone > firstSent ? (lastDone - firstSent) / 1e9 : Double.NaN;
        return new LevelStats(levelIndex, arm, concurrency, targetRate, ok, failed,
                ttft.p(50), ttft.p(90), ttft.p(99), tpot.p(50), tpot.p(90), tpot.p(99),
                duration, tokens / duration, ok / duration,
                ttftSched.p(50), ttftSched.p(90), ttftSched.p(99), e2e.p(50), e2e.p(99), e2eSched.p(50),
                e2eSched.p(99), exact());
    }
}
