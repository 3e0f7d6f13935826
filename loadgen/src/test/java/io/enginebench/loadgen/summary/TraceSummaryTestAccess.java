package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

/** Test helper: a plausible measured request row. */
public final class TraceSummaryTestAccess {
    private TraceSummaryTestAccess() {}

    public static RequestRecord record(long index) {
        long ms = 1_000_000;
        return TraceSummaryTest.req(index, "measured", "ok", index * ms, index * ms + 5 * ms, index * ms + 9 * ms,
                index * ms + 10 * ms, 5);
    }
}
