package io.enginebench.pipeline.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exact type 7 percentiles of an unsorted array without sorting it: a run's chunk gaps are millions of values of
 * which each percentile needs two. The values are counted into equal-width buckets between their min and max, and
 * only the buckets that hold a wanted rank are looked at again (recursively, so heaped-up values cost one more
 * counting pass, not a sort of everything).
 */
final class Selection {
    private static final int BUCKETS = 1 << 16;
    /** At or below this many values a subset is simply sorted. */
    private static final int SMALL = 4096;

    private Selection() {}

    /**
     * The percentiles {@code ps} of {@code values[0, n)}, equal to Spark's {@code percentile()}: linear interpolation
     * between the values at ranks ⌊(n−1)p⌋ and ⌈(n−1)p⌉, with its arithmetic. May reorder the array.
     */
    static double[] percentiles(double[] values, int n, double[] ps) {
        TreeSet<Integer> ranks = new TreeSet<>();
        for (double p : ps) {
            double position = (n - 1) * p;
            ranks.add((int) Math.floor(position));
            ranks.add((int) Math.ceil(position));
        }
        TreeMap<Integer, Double> at = new TreeMap<>();
        select(values, n, ranks.stream().mapToInt(Integer::intValue).toArray(), at, 0);
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            double position = (n - 1) * ps[i];
            long lower = (long) Math.floor(position);
            long higher = (long) Math.ceil(position);
            double lowerValue = at.get((int) lower);
            double higherValue = at.get((int) higher);
            out[i] = lower == higher || lowerValue == higherValue ? lowerValue
                    : (higher - position) * lowerValue + (position - lower) * higherValue;
        }
        return out;
    }

    /**
     * Puts into {@code at} (keyed by rank + {@code offset}) the value a full ascending sort of {@code a[0, n)} would
     * have at each of {@code ranks} (ascending, within [0, n)).
     */
    static void select(double[] a, int n, int[] ranks, TreeMap<Integer, Double> at, int offset) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, a[i]);
            max = Math.max(max, a[i]);
        }
        if (n <= SMALL || min == max || !Double.isFinite(max - min)) {
            double[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            for (int r : ranks) at.put(r + offset, sorted[r]);
            return;
        }
        // bucket(v) never decreases as v grows (a subtraction and a product, both rounded monotonically)
        double scale = BUCKETS / (max - min);
        int[] counts = new int[BUCKETS];
        for (int i = 0; i < n; i++) counts[bucket(a[i], min, scale)]++;
        // the buckets holding wanted ranks, then their values gathered in one more pass
        int[] slot = new int[BUCKETS];
        Arrays.fill(slot, -1);
        List<int[]> wanted = new ArrayList<>();   // {bucket, values below it, first rank, end rank}
        int r = 0;
        int below = 0;
        for (int b = 0; b < BUCKETS && r < ranks.length; b++) {
            int end = below + counts[b];
            int first = r;
            while (r < ranks.length && ranks[r] < end) r++;
            if (r > first) {
                slot[b] = wanted.size();
                wanted.add(new int[] {b, below, first, r});
            }
            below = end;
        }
        double[][] members = new double[wanted.size()][];
        int[] filled = new int[wanted.size()];
        for (int w = 0; w < members.length; w++) members[w] = new double[counts[wanted.get(w)[0]]];
        for (int i = 0; i < n; i++) {
            int w = slot[bucket(a[i], min, scale)];
            if (w >= 0) members[w][filled[w]++] = a[i];
        }
        for (int w = 0; w < members.length; w++) {
            int[] bucket = wanted.get(w);
            int[] inner = new int[bucket[3] - bucket[2]];
            for (int k = 0; k < inner.length; k++) inner[k] = ranks[bucket[2] + k] - bucket[1];
            select(members[w], members[w].length, inner, at, offset + bucket[1]);
        }
    }

    private static int bucket(double v, double min, double scale) {
        return (int) Math.min(BUCKETS - 1, (v - min) * scale);
    }
}
