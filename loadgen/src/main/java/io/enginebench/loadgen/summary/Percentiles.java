package io.enginebench.loadgen.summary;

import java.util.Arrays;

/** Exact percentiles by linear interpolation between closest ranks (numpy's default, "type 7"), per docs/METRICS.md. */
public final class Percentiles {
    private Percentiles() {}

    /** @return the p-th percentile (0..100) of {@code values}, or NaN when empty; {@code values} is not modified */
    public static double of(double[] values, double p) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, p);
    }

    public static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double idx = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(idx);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (idx - lo) * (sorted[hi] - sorted[lo]);
    }
}
