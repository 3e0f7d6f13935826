package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run keeps of its finished requests once they are journalled: measured requests per outcome (the manifest's
 * {@code outcomes}) and a {@link LevelTally} per level and arm (the console summary). Bounded by the number of
 * levels, whatever the number of requests.
 */
public final class RunTally {
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, LevelTally> levels = new TreeMap<>();

    /** Counts a finished request (warm-up requests are not counted). */
    public synchronized void add(RequestRecord r) {
        if (!r.isMeasured()) return;
        outcomes.merge(r.outcome(), 1L, Long::sum);
        levels.computeIfAbsent(key(r.levelIndex(), r.arm()), k -> new LevelTally(r)).add(r);
    }

    /** Measured requests per outcome, as the manifest's {@code outcomes}. */
    public synchronized Map<String, Long> outcomeCounts() { return new TreeMap<>(outcomes); }

    /** The tally of a level and arm, or null when none of its measured requests finished. */
    public synchronized LevelTally level(int levelIndex, String arm) { return levels.get(key(levelIndex, arm)); }

    /** Per-level statistics in level order. */
    public synchronized List<LevelStats> perLevel() {
        List<LevelStats> out = new ArrayList<>();
        levels.values().forEach(t -> out.add(t.stats()));
        return out;
    }

    private static String key(int levelIndex, String arm) {
        return String.format("%06d|%s", levelIndex, Objects.toString(arm, ""));
    }
}
