package io.enginebench.loadgen.summary;

import java.util.SplittableRandom;

/**
 * Percentile bootstrap of a percentile: resample the values with replacement, take the percentile of each resample,
 * and read the interval off the resampled percentiles. Seeded, so the same values always give the same interval.
 */
public final class Bootstrap {
    public static final int RESAMPLES = 2000;

    private Bootstrap() {}

    /** @param low lower bound; @param high upper bound; @param point the percentile of the values themselves */
    public record Interval(double point, double low, double high) {
        public static final Interval EMPTY = new Interval(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * @param values     samples (not modified)
     * @param pct        the percentile to estimate, 0..100 (type 7, as {@link Percentiles})
     * @param confidence e.g. 0.95 for the 2.5 % and 97.5 % points of the resampled percentiles
     */
    public static Interval percentile(double[] values, double pct, double confidence, long seed) {
        int n = values.length;
        if (n == 0) return Interval.EMPTY;
        double point = Percentiles.of(values, pct);
        SplittableRandom random = new SplittableRandom(seed);
        double[] resample = new double[n];
        double[] estimates = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) resample[i] = values[random.nextInt(n)];
            java.util.Arrays.sort(resample);
            estimates[b] = Percentiles.ofSorted(resample, pct);
        }
        java.util.Arrays.sort(estimates);
        double tail = (1 - confidence) / 2 * 100;
        return new Interval(point, Percentiles.ofSorted(estimates, tail), Percentiles.ofSorted(estimates, 100 - tail));
    }
}
