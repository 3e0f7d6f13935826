package io.enginebench.pipeline.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rules that relate runs to each other, recomputed over the whole snapshot: the same cell measured more than once
 * ({@code repeated_cell}) and cells with more runs than their collection usually has ({@code extra_iteration}).
 */
public final class CrossRunRules {
    /** The identity of a run's cell plus what orders runs within it. */
    public record RunKey(String runUid, String sourcePath, String collection, String model, String engineVariant,
                         String scenario, Integer iteration, long timestampMs) {}

    private static final Comparator<RunKey> ORDER =
            Comparator.comparingLong(RunKey::timestampMs).thenComparing(RunKey::runUid);

    private CrossRunRules() {}

    public static List<Finding> check(List<RunKey> runs) {
        List<Finding> out = new ArrayList<>();
        Set<String> repeated = new HashSet<>();
        Map<List<Object>, List<RunKey>> byIteration = group(runs, true);
        for (List<RunKey> cell : byIteration.values()) {
            if (cell.size() < 2) continue;
            RunKey first = cell.get(0);
            for (RunKey r : cell.subList(1, cell.size())) {
                repeated.add(r.runUid());
                out.add(new Finding(r.runUid(), r.sourcePath(), Rules.REPEATED_CELL, Finding.WARNING,
                        "same cell (" + describe(r) + ") measured " + cell.size() + " times; first: "
                                + first.sourcePath()));
            }
        }
        Map<List<Object>, List<RunKey>> cells = group(runs, false);
        Map<String, Map<Integer, Integer>> countsPerCollection = new TreeMap<>();
        for (List<RunKey> cell : cells.values()) {
            countsPerCollection.computeIfAbsent(String.valueOf(cell.get(0).collection()), k -> new TreeMap<>())
                    .merge(cell.size(), 1, Integer::sum);
        }
        for (List<RunKey> cell : cells.values()) {
            int usual = mode(countsPerCollection.get(String.valueOf(cell.get(0).collection())));
            if (cell.size() <= usual) continue;
            for (RunKey r : cell.subList(usual, cell.size())) {
                if (repeated.contains(r.runUid())) continue;
                out.add(new Finding(r.runUid(), r.sourcePath(), Rules.EXTRA_ITERATION, Finding.INFO,
                        "cell (" + describe(r) + ") has " + cell.size() + " runs; most cells of collection "
                                + r.collection() + " have " + usual));
            }
        }
        return out;
    }

    private static Map<List<Object>, List<RunKey>> group(List<RunKey> runs, boolean withIteration) {
        Map<List<Object>, List<RunKey>> m = new LinkedHashMap<>();
        for (RunKey r : runs.stream().sorted(ORDER).toList()) {
            List<Object> key = new ArrayList<>(List.of(Objects.toString(r.collection()), Objects.toString(r.model()),
                    Objects.toString(r.engineVariant()), Objects.toString(r.scenario())));
            if (withIteration) key.add(Objects.toString(r.iteration()));
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** Most frequent run count; ties go to the smaller count. */
    private static int mode(Map<Integer, Integer> counts) {
        int best = 1, bestN = -1;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestN) {
                best = e.getKey();
                bestN = e.getValue();
            }
        }
        return best;
    }

    private static String describe(RunKey r) {
        return r.collection() + ", " + r.model() + ", " + r.engineVariant() + ", " + r.scenario() + ", iteration "
                + r.iteration();
    }
}
