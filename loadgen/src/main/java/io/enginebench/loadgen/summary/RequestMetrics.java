package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

/** Per-request metrics as docs/METRICS.md defines them, from one trace row. */
public final class RequestMetrics {
    private RequestMetrics() {}

    /** {@code first_token_ns − sent_ns} in ms, or NaN. */
    public static double ttftMs(RequestRecord r) {
        if (r.firstTokenNs() == null || r.sentNs() == null) return Double.NaN;
        return (r.firstTokenNs() - r.sentNs()) / 1e6;
    }

    /** {@code (last_token_ns − first_token_ns) / (completion_tokens − 1)} in ms for completion_tokens &gt; 1, or NaN. */
    public static double tpotMs(RequestRecord r) {
        Integer n = r.completionTokens();
        if (n == null || n <= 1 || r.firstTokenNs() == null || r.lastTokenNs() == null) return Double.NaN;
        return (r.lastTokenNs() - r.firstTokenNs()) / 1e6 / (n - 1);
    }
}
