package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

/** Per-request metrics as docs/METRICS.md defines them, from one trace row. */
public final class RequestLatency {
    private RequestLatency() {}

    /** {@code first_token_ns − sent_ns} in ms, or NaN. */
    public static double ttftMs(RequestRecord r) {
        if (r.firstTokenNs() == null || r.sentNs() == null) return Double.NaN;
        return (r.firstTokenNs() - r.sentNs()) / 1e6;
    }

    /** {@code first_token_ns − scheduled_ns} in ms (queueing for the cap or a connection included), or NaN. */
    public static double ttftSchedMs(RequestRecord r) {
        if (r.firstTokenNs() == null) return Double.NaN;
        return (r.firstTokenNs() - r.scheduledNs()) / 1e6;
    }

    /** {@code completed_ns − sent_ns} in ms, or NaN. */
    public static double e2eMs(RequestRecord r) {
        if (r.completedNs() == null || r.sentNs() == null) return Double.NaN;
        return (r.completedNs() - r.sentNs()) / 1e6;
    }

    /** {@code completed_ns − scheduled_ns} in ms, or NaN. */
    public static double e2eSchedMs(RequestRecord r) {
        if (r.completedNs() == null) return Double.NaN;
        return (r.completedNs() - r.scheduledNs()) / 1e6;
    }

    /** True for open-loop rows (a target rate): their latency is judged from the scheduled send time. */
    public static boolean scheduledBasis(RequestRecord r) { return r.targetRate() != null; }

    /** The TTFT a row is judged by: {@link #ttftSchedMs} for open-loop rows, else {@link #ttftMs}. */
    public static double judgedTtftMs(RequestRecord r) { return scheduledBasis(r) ? ttftSchedMs(r) : ttftMs(r); }

    /** {@code (last_token_ns − first_token_ns) / (completion_tokens − 1)} in ms for completion_tokens &gt; 1, or NaN. */
    public static double tpotMs(RequestRecord r) {
        Integer n = r.completionTokens();
        if (n == null || n <= 1 || r.firstTokenNs() == null || r.lastTokenNs() == null) return Double.NaN;
        return (r.lastTokenNs() - r.firstTokenNs()) / 1e6 / (n - 1);
    }
}
