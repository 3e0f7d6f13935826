package io.enginebench.pipeline.quality;

import java.util.Locale;

/**
 * The part of a run a finding is about: one level ({@code level_index}, with the concurrency or target rate it was
 * labelled with) or one arm. Stored in {@code data_quality}'s own columns so that reports mark exactly the cells it
 * affects; every field null ({@link #RUN}) means the whole run.
 */
public record FindingScope(Integer levelIndex, Integer concurrency, Double targetRate, String arm) {
    public static final FindingScope RUN = new FindingScope(null, null, null, null);

    public static FindingScope level(int levelIndex, Integer concurrency, Double targetRate) {
        return new FindingScope(levelIndex, concurrency, targetRate, null);
    }

    public static FindingScope arm(String arm) {
        return new FindingScope(null, null, null, arm);
    }

    /** Shortest exact decimal text (4.0 → "4", 0.5 → "0.5"). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%s", v);
    }
}
