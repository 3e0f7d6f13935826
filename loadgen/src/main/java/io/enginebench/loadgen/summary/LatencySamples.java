package io.enginebench.loadgen.summary;

import org.HdrHistogram.DoubleHistogram;

import java.util.Arrays;

/**
 * Values of one latency metric (ms) of one level, in bounded memory: the exact values up to {@link #EXACT_LIMIT}
 * (their percentiles are exact, type 7), beyond that an HdrHistogram of 3 significant digits, so a level of a
 * million requests costs kilobytes, not a million doubles. NaN is skipped.
 */
public final class LatencySamples {
    /** values kept exactly; levels of the catalog's scenarios stay far below it */
    public static final int EXACT_LIMIT = 16_384;
    private static final int SIGNIFICANT_DIGITS = 3;

    private double[] exact = new double[64];
    private int size;
    private DoubleHistogram histogram;
    private double[] sorted;

    public synchronized void add(double v) {
        if (Double.isNaN(v)) return;
        sorted = null;
        if (histogram != null) {
            histogram.recordValue(Math.max(0, v));
            return;
        }
        if (size == EXACT_LIMIT) {
            histogram = new DoubleHistogram(SIGNIFICANT_DIGITS);
            for (int i = 0; i < size; i++) histogram.recordValue(Math.max(0, exact[i]));
            histogram.recordValue(Math.max(0, v));
            exact = null;
            return;
        }
        if (size == exact.length) exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, size * 2));
        exact[size++] = v;
    }

    /** True while every value is kept exactly. */
    public synchronized boolean exact() { return histogram == null; }

    public synchronized long count() { return histogram == null ? size : histogram.getTotalCount(); }

    /** The p-th percentile (0..100): exact (type 7) while {@link #exact()}, else HdrHistogram's; NaN when empty. */
    public synchronized double p(double pct) {
        if (histogram != null) return histogram.getValueAtPercentile(pct);
        if (sorted == null) {
            sorted = Arrays.copyOf(exact, size);
            Arrays.sort(sorted);
        }
        return Percentiles.ofSorted(sorted, pct);
    }

    /**
     * The values in the order they were added while {@link #exact()}; past the limit, each histogram bucket's
     * representative value as many times as it was hit (ascending).
     */
    public synchronized double[] values() {
        if (histogram == null) return Arrays.copyOf(exact, size);
        double[] out = new double[(int) Math.min(Integer.MAX_VALUE - 8, histogram.getTotalCount())];
        int i = 0;
        for (var v : histogram.recordedValues()) {
            for (long c = 0; c < v.getCountAtValueIteratedTo() && i < out.length; c++) {
                out[i++] = histogram.highestEquivalentValue(v.getValueIteratedTo());
            }
        }
        return i == out.length ? out : Arrays.copyOf(out, i);
    }
}
