package io.enginebench.loadgen.summary;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencySamplesTest {
    @Test
    void upToTheLimitPercentilesAreExactAndValuesKeepTheirOrder() {
        LatencySamples s = new LatencySamples();
        double[] v = {40, 15, Double.NaN, 50, 20, 35};
        for (double x : v) s.add(x);
        assertThat(s.exact()).isTrue();
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.values()).containsExactly(40, 15, 50, 20, 35);
        assertThat(s.p(90)).isEqualTo(Percentiles.of(new double[] {15, 20, 35, 40, 50}, 90));
    }

    @Test
    void pastTheLimitAHistogramKeepsThreeSignificantDigitsInBoundedMemory() {
        LatencySamples s = new LatencySamples();
        SplittableRandom random = new SplittableRandom(7);
        int n = LatencySamples.EXACT_LIMIT * 4;
        double[] all = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = 1 + random.nextDouble() * 999; // 1..1000 ms
            s.add(all[i]);
        }
        assertThat(s.exact()).isFalse();
        assertThat(s.count()).isEqualTo(n);
        for (double p : new double[] {50, 90, 99}) {
            double exact = Percentiles.of(all, p);
            assertThat(s.p(p)).as("p%s", p).isCloseTo(exact, within(exact * 0.002));
        }
        assertThat(s.values()).hasSize(n);
    }
}
