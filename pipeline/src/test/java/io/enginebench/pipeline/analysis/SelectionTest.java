package io.enginebench.pipeline.analysis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SelectionTest {
    private static final double[] PS = {0, 0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1};

    @Test
    void percentilesEqualInterpolationOverTheSortedValuesForManyShapes() {
        Random rnd = new Random(5);
        for (int n : new int[] {1, 2, 3, 10, 101, 5000, 20_000, 300_000}) {
            for (int shape = 0; shape < 5; shape++) {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = switch (shape) {
                        case 0 -> rnd.nextDouble() * 30;
                        case 1 -> rnd.nextInt(4) == 0 ? 10 : 10 + rnd.nextInt(3) * 1e-9;   // heaped up, near ties
                        case 2 -> rnd.nextInt(10_000) == 0 ? 5_000 : 10 + rnd.nextGaussian();  // long tail
                        case 3 -> n - i;                                                      // reversed
                        default -> 7;                                                         // all equal
                    };
                }
                assertThat(Selection.percentiles(a.clone(), n, PS)).as("n=%d shape=%d", n, shape)
                        .containsExactly(bySorting(a, PS));
            }
        }
    }

    private static double[] bySorting(double[] values, double[] ps) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            double pos = (n - 1) * ps[i];
            int lo = (int) Math.floor(pos);
            int hi = (int) Math.ceil(pos);
            out[i] = lo == hi || sorted[lo] == sorted[hi] ? sorted[lo] : (hi - pos) * sorted[lo] + (pos - lo) * sorted[hi];
        }
        return out;
    }
}
