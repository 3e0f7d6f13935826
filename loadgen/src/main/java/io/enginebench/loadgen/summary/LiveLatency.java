package io.enginebench.loadgen.summary;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Live TTFT/TPOT percentiles for the progress display. Recording is wait-free (HdrHistogram {@link Recorder}), so
 * completion threads never block on the display; the display thread takes interval snapshots and accumulates them.
 * These are approximate (3 significant digits) and only for watching a run; the summary uses exact trace rows.
 */
public final class LiveLatency {
    private final Recorder ttft = new Recorder(3);
    private final Recorder tpot = new Recorder(3);
    private final Histogram ttftTotal = new Histogram(3);
    private final Histogram tpotTotal = new Histogram(3);

    /** Any thread. Values in ms; NaN is ignored. */
    public void record(double ttftMs, double tpotMs) {
        if (!Double.isNaN(ttftMs)) ttft.recordValue(Math.max(0, Math.round(ttftMs * 1000)));
        if (!Double.isNaN(tpotMs)) tpot.recordValue(Math.max(0, Math.round(tpotMs * 1000)));
    }

    /** Reader thread only: folds in what was recorded since the last call and returns the running percentiles. */
    public synchronized Snapshot snapshot() {
        ttftTotal.add(ttft.getIntervalHistogram());
        tpotTotal.add(tpot.getIntervalHistogram());
        return new Snapshot(p(ttftTotal, 50), p(ttftTotal, 99), p(tpotTotal, 50), p(tpotTotal, 99));
    }

    public synchronized void reset() {
        snapshot();
        ttftTotal.reset();
        tpotTotal.reset();
    }

    private static double p(Histogram h, double pct) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(pct) / 1000.0;
    }

    public record Snapshot(double ttftP50Ms, double ttftP99Ms, double tpotP50Ms, double tpotP99Ms) {
        public String render() { return render(false); }

        /** @param scheduled TTFT was recorded from the scheduled send (open loop): labelled {@code TTFT(sched)} */
        public String render(boolean scheduled) {
            return String.format("%s p50 %s p99 %s | TPOT p50 %s p99 %s ms", scheduled ? "TTFT(sched)" : "TTFT",
                    f(ttftP50Ms), f(ttftP99Ms), f(tpotP50Ms), f(tpotP99Ms));
        }

        private static String f(double v) { return Double.isNaN(v) ? "-" : String.format("%.1f", v); }
    }
}
