package io.enginebench.loadgen.arrival;

import io.enginebench.loadgen.scenario.ArrivalKind;

import java.util.SplittableRandom;

/**
 * A seeded source of inter-arrival gaps with mean {@code 1/rate}: constant, exponential (Poisson process) or gamma.
 * Gamma with shape {@code k} ("burstiness") has CV = 1/sqrt(k): k = 1 is Poisson, k &lt; 1 is burstier, k &gt; 1 smoother.
 */
public interface InterArrival {
    /** The gap before the next arrival, in nanoseconds. */
    long nextGapNanos();

    static InterArrival of(ArrivalKind kind, double ratePerSecond, double burstiness, long seed) {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("rate must be > 0: " + ratePerSecond);
        double meanNanos = 1e9 / ratePerSecond;
        SplittableRandom random = new SplittableRandom(seed);
        return switch (kind) {
            case CONSTANT -> () -> Math.round(meanNanos);
            case POISSON -> () -> Math.round(-Math.log(1.0 - random.nextDouble()) * meanNanos);
            case GAMMA -> {
                if (!(burstiness > 0)) throw new IllegalArgumentException("burstiness must be > 0: " + burstiness);
                double scale = meanNanos / burstiness;
                yield () -> Math.round(GammaSampler.sample(random, burstiness) * scale);
            }
        };
    }

    /** The coefficient of variation of the gaps this process produces, for tests and documentation. */
    static double expectedCv(ArrivalKind kind, double burstiness) {
        return switch (kind) {
            case CONSTANT -> 0.0;
            case POISSON -> 1.0;
            case GAMMA -> 1.0 / Math.sqrt(burstiness);
        };
    }
}
