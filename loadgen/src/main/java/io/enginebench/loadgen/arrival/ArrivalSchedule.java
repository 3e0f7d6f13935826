package io.enginebench.loadgen.arrival;

import io.enginebench.loadgen.scenario.ArrivalKind;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The send times of an open-loop level of exactly {@code n} requests offered at {@code rate}, drawn conditioned on
 * {@code n}, so the level's achieved rate {@code (n − 1)/(last − first)} is the offered one up to the arrival
 * process's own small-sample spread, not the luck of an unconditioned draw (a free-running Poisson schedule of 100
 * requests misses its rate by ±10 % one time in three).
 *
 * <ul>
 *   <li>Poisson: {@code n} sorted uniform times over {@code n/rate} seconds, which is exactly a Poisson process
 *       conditioned on its count;</li>
 *   <li>gamma and constant: the {@code n − 1} gaps between the requests drawn from {@link InterArrival} and
 *       rescaled to sum to {@code (n − 1)/rate} seconds (the gap shape, hence the burstiness, is kept); the first
 *       request goes at 0.</li>
 * </ul>
 */
public final class ArrivalSchedule {
    private ArrivalSchedule() {}

    /** Offsets in ns from the level's start, ascending, one per request. */
    public static long[] offsets(ArrivalKind kind, double ratePerSecond, double burstiness, int n, long seed) {
        if (n < 0) throw new IllegalArgumentException("request count must be >= 0: " + n);
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("rate must be > 0: " + ratePerSecond);
        long[] out = new long[n];
        if (kind == ArrivalKind.POISSON) {
            double spanNanos = n / ratePerSecond * 1e9;
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) out[i] = Math.round(random.nextDouble() * spanNanos);
            Arrays.sort(out);
            return out;
        }
        // the n − 1 gaps between n requests, rescaled to span (n − 1)/rate: first to last is exactly the rate
        InterArrival source = InterArrival.of(kind, ratePerSecond, burstiness, seed);
        double[] gaps = new double[Math.max(0, n - 1)];
        double sum = 0;
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = source.nextGapNanos();
            sum += gaps[i];
        }
        double scale = sum > 0 ? (n - 1) / ratePerSecond * 1e9 / sum : 0;
        double t = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.round(t);
            if (i < gaps.length) t += gaps[i] * scale;
        }
        return out;
    }
}
