package io.enginebench.loadgen.sim.engine;

import java.util.Arrays;

/** A Prometheus-style cumulative histogram in seconds. Engine thread writes; {@link #copy()} gives readers a snapshot. */
public final class Histogram {
    private final double[] bounds;
    private final long[] counts;
    private double sum;
    private long count;

    public Histogram(double... bounds) {
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length];
    }

    public void observe(double seconds) {
        for (int i = 0; i < bounds.length; i++) if (seconds <= bounds[i]) counts[i]++;
        sum += seconds;
        count++;
    }

    public Histogram copy() {
        Histogram h = new Histogram(bounds);
        System.arraycopy(counts, 0, h.counts, 0, counts.length);
        h.sum = sum;
        h.count = count;
        return h;
    }

    public double[] bounds() { return bounds.clone(); }

    /** Cumulative count of observations <= bounds[i]. */
    public long cumulative(int i) { return counts[i]; }

    public double sum() { return sum; }

    public long count() { return count; }

    @Override
    public String toString() { return "Histogram" + Arrays.toString(counts) + " n=" + count; }
}
