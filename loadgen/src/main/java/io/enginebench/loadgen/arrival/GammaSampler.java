package io.enginebench.loadgen.arrival;

import java.util.SplittableRandom;

/** Gamma(shape, 1) variates by Marsaglia and Tsang's squeeze method, with the standard boost for shape &lt; 1. */
final class GammaSampler {
    private GammaSampler() {}

    static double sample(SplittableRandom random, double shape) {
        if (shape < 1.0) {
            // Gamma(k) = Gamma(k + 1) * U^(1/k)
            double u = random.nextDouble();
            return sample(random, shape + 1.0) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(random);
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
            if (Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) return d * v;
        }
    }

    /** Standard normal by the polar Box-Muller method (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
