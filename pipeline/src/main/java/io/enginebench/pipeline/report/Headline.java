package io.enginebench.pipeline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The headline: a compact decision table read from {@code winners} (whole-run cells, key metrics only), one row per
 * scenario × model × max_tokens × engine pair, and a tally of the verdicts. Cells of simulated runs are listed apart
 * and never counted.
 */
final class Headline {
    static final List<String> KEY_METRICS = List.of("output_tps", "ttft_ms_p50", "tpot_ms_p50", "e2e_ms_p95",
            "error_rate");
    /** Report order of the scenarios; others follow alphabetically. */
    static final List<String> SCENARIO_ORDER = List.of("single_request_latency", "throughput_ramp",
            "throughput_ramp_extended", "long_context_stress", "prefix_sharing_benefit", "structured_generation_speed",
            "decode_length_sweep_64", "decode_length_sweep_256", "decode_length_sweep_1024",
            "decode_length_sweep_4096");
    static final String MARGIN_RULE = "margin = how much better the winner's mean is than the other engine's, in % "
            + "of the other engine's mean";
    static final String NOT_COMPARED = "–";
    static final String INSUFFICIENT = "n<2";

    private final SectionKit kit;

    Headline(SectionKit kit) {
        this.kit = kit;
    }

    /** One decision row: its key and the verdict text per key metric. */
    record Decision(String scenario, String model, String maxTokens, String engineA, String engineB, String n,
                    boolean simulated, Map<String, String> verdicts) {
        boolean allInsufficient() {
            return verdicts.values().stream().allMatch(v -> v.equals(INSUFFICIENT) || v.equals(NOT_COMPARED));
        }
    }

    List<Block> blocks() {
        List<Block> b = new ArrayList<>(List.of(new Block.Heading(2, "Headline: which engine wins which metric",
                "headline")));
        Optional<Table> w = kit.table("winners");
        if (w.isEmpty() || w.get().rowCount() == 0) {
            b.add(w.isEmpty() ? new Block.Notice("no data: the warehouse has no `winners` table (run `bench analyze`).")
                    : new Block.Notice("no engine pairs to compare."));
            return b;
        }
        Table all = w.get();
        Table t = Tables.has(all, "scope") ? Tables.whereEq(all, "scope", "run") : all;
        java.util.Set<String> rules = Tables.distinct(all, "rule");
        b.add(new Block.Paragraph("**Rule:** " + (rules.isEmpty() ? ReportSections.WINNER_RULE_DEFAULT
                : String.join("; ", rules)) + ". Cells show the winner with its margin (" + MARGIN_RULE + "), `tie`, "
                + "or `" + INSUFFICIENT + "` (fewer than 2 iterations on a side); `" + NOT_COMPARED + "`: metric not "
                + "compared. Whole-run cells (scope `run`) of the key metrics " + String.join(", ", KEY_METRICS)
                + "; every scope, level and metric is in the CSV of `winners` below."));
        List<Decision> decisions = decisions(t);
        List<Decision> real = decisions.stream().filter(d -> !d.simulated()).toList();
        List<Decision> sim = decisions.stream().filter(Decision::simulated).toList();
        b.add(new Block.Paragraph("**Tally** (" + real.size() + " real-engine cells × " + KEY_METRICS.size()
                + " metrics, counted with the rule above):"));
        b.add(new Block.Bullets(tally(real)));
        b.addAll(kit.table(byScenario(real), "winners", "headline-by-scenario",
                header(List.of("scenario", "cells")), SectionKit.MAX_ROWS, false));
        List<Decision> decided = real.stream().filter(d -> !d.allInsufficient()).toList();
        List<Decision> undecidable = real.stream().filter(Decision::allInsufficient).toList();
        b.add(new Block.Paragraph("Decision per scenario × model × engine pair (scenarios in report order; n = "
                + "iterations of engine a / engine b). " + undecidable.size() + " of " + real.size() + " cells have "
                + "fewer than 2 iterations on a side for every metric: they are listed only in the CSV below."));
        b.addAll(kit.table(toTable(decided), "winners", "headline-decisions", header(List.of("scenario", "model_name",
                "max_tokens", "engines", "n")), SectionKit.MAX_ROWS, false));
        b.addAll(kit.table(toTable(undecidable), "winners", "headline-insufficient", List.of("scenario"), 0, false));
        if (!sim.isEmpty()) {
            b.add(new Block.Notice("simulated engine: " + sim.size() + " cell(s) compare runs of the built-in "
                    + "simulator; they are shown here only and are not part of the tally."));
            b.addAll(kit.table(toTable(sim), "winners", "headline-simulated", header(List.of("scenario",
                    "model_name", "max_tokens", "engines", "n")), SectionKit.MAX_ROWS, false));
        }
        b.addAll(kit.table(all, "winners", "winners", List.of("model_name"), 0, true));
        return b;
    }

    private static List<String> header(List<String> first) {
        List<String> h = new ArrayList<>(first);
        h.addAll(KEY_METRICS);
        return h;
    }

    List<Decision> decisions(Table t) {
        SimulatedRuns sim = kit.simulated();
        Map<List<String>, Map<String, String>> cells = new TreeMap<>(Headline::compareKeys);
        Map<List<String>, String> ns = new TreeMap<>(Headline::compareKeys);
        Map<List<String>, Boolean> simulated = new TreeMap<>(Headline::compareKeys);
        for (int i = 0; i < t.rowCount(); i++) {
            String metric = Tables.text(t, "metric", i);
            if (!KEY_METRICS.contains(metric)) {
                continue;
            }
            List<String> key = List.of(Tables.text(t, "scenario", i), Tables.text(t, "model_name", i),
                    Tables.text(t, "max_tokens", i), Tables.text(t, "engine_a", i), Tables.text(t, "engine_b", i));
            cells.computeIfAbsent(key, k -> new TreeMap<>()).put(metric, verdict(t, i));
            String n = Tables.text(t, "n_a", i) + "/" + Tables.text(t, "n_b", i);
            ns.merge(key, n, (x, y) -> x.compareTo(y) >= 0 ? x : y);
            boolean s = sim.isSimulatedEngineCell(t, i, "engine_a") || sim.isSimulatedEngineCell(t, i, "engine_b");
            simulated.merge(key, s, Boolean::logicalOr);
        }
        List<Decision> out = new ArrayList<>();
        cells.forEach((k, v) -> {
            Map<String, String> verdicts = new LinkedHashMap<>();
            for (String m : KEY_METRICS) {
                verdicts.put(m, v.getOrDefault(m, NOT_COMPARED));
            }
            out.add(new Decision(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), ns.get(k), simulated.get(k),
                    verdicts));
        });
        return out;
    }

    /** Scenario in report order, then model (unknown last), max_tokens numerically, then the engine pair. */
    private static int compareKeys(List<String> a, List<String> b) {
        Comparator<List<String>> c = Comparator.<List<String>>comparingInt(k -> scenarioRank(k.get(0)))
                .thenComparing(k -> k.get(0))
                .thenComparing(k -> k.get(1).isEmpty() ? "\uffff" : k.get(1))
                .thenComparingDouble(k -> parse(k.get(2)))
                .thenComparing(k -> k.get(3))
                .thenComparing(k -> k.get(4));
        return c.compare(a, b);
    }

    static int scenarioRank(String scenario) {
        int i = SCENARIO_ORDER.indexOf(scenario);
        return i < 0 ? SCENARIO_ORDER.size() : i;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    /** "vllm +12.3%", "tie", "n<2". */
    static String verdict(Table t, int i) {
        String v = Tables.text(t, "verdict", i);
        switch (v) {
            case "tie":
                return "tie";
            case "insufficient_data":
                return INSUFFICIENT;
            case "a", "b": {
                boolean a = v.equals("a");
                String winner = Tables.text(t, a ? "engine_a" : "engine_b", i);
                double w = Tables.number(t, a ? "mean_a" : "mean_b", i);
                double l = Tables.number(t, a ? "mean_b" : "mean_a", i);
                double margin = Math.abs(w - l) / Math.abs(l) * 100;
                return Double.isFinite(margin) ? winner + " +" + String.format(Locale.ROOT, "%.1f%%", margin) : winner;
            }
            default:
                return v.isEmpty() ? "?" : v;
        }
    }

    /** Wins per engine, ties and insufficient cells over every key metric of the given decisions. */
    static List<String> tally(List<Decision> decisions) {
        Map<String, Integer> wins = new TreeMap<>();
        int ties = 0;
        int insufficient = 0;
        int notCompared = 0;
        for (Decision d : decisions) {
            for (String v : d.verdicts().values()) {
                if (v.equals("tie")) {
                    ties++;
                } else if (v.equals(INSUFFICIENT)) {
                    insufficient++;
                } else if (v.equals(NOT_COMPARED)) {
                    notCompared++;
                } else {
                    wins.merge(v.split(" ")[0], 1, Integer::sum);
                }
            }
        }
        List<String> out = new ArrayList<>();
        wins.forEach((e, n) -> out.add("`" + e + "` wins " + n));
        out.add("tie " + ties);
        out.add("insufficient data (`" + INSUFFICIENT + "`) " + insufficient);
        if (notCompared > 0) {
            out.add("not compared (`" + NOT_COMPARED + "`) " + notCompared);
        }
        return out;
    }

    /** Per scenario and key metric: "vllm 9 · sglang 3 · tie 4 · n<2 2". */
    private static Table byScenario(List<Decision> decisions) {
        Map<String, List<Decision>> groups = new TreeMap<>(Comparator.comparingInt(Headline::scenarioRank)
                .thenComparing(Comparator.naturalOrder()));
        for (Decision d : decisions) {
            groups.computeIfAbsent(d.scenario(), k -> new ArrayList<>()).add(d);
        }
        Table out = Table.create("headline-by-scenario", StringColumn.create("scenario"), StringColumn.create("cells"));
        for (String m : KEY_METRICS) {
            out.addColumns(StringColumn.create(m));
        }
        groups.forEach((scenario, ds) -> {
            out.stringColumn("scenario").append(scenario);
            out.stringColumn("cells").append(Integer.toString(ds.size()));
            for (String m : KEY_METRICS) {
                Map<String, Integer> c = new TreeMap<>();
                int ties = 0;
                int insufficient = 0;
                for (Decision d : ds) {
                    String v = d.verdicts().get(m);
                    if (v.equals("tie")) {
                        ties++;
                    } else if (v.equals(INSUFFICIENT)) {
                        insufficient++;
                    } else if (!v.equals(NOT_COMPARED)) {
                        c.merge(v.split(" ")[0], 1, Integer::sum);
                    }
                }
                List<String> parts = new ArrayList<>();
                c.forEach((e, n) -> parts.add(e + " " + n));
                if (ties > 0) {
                    parts.add("tie " + ties);
                }
                if (insufficient > 0) {
                    parts.add(INSUFFICIENT + " " + insufficient);
                }
                out.stringColumn(m).append(parts.isEmpty() ? NOT_COMPARED : String.join(" · ", parts));
            }
        });
        return out;
    }

    private static Table toTable(List<Decision> decisions) {
        Table out = Table.create("headline-decisions");
        for (String c : List.of("scenario", "model_name", "max_tokens", "engine_a", "engine_b", "engines", "n")) {
            out.addColumns(StringColumn.create(c));
        }
        for (String m : KEY_METRICS) {
            out.addColumns(StringColumn.create(m));
        }
        for (Decision d : decisions) {
            out.stringColumn("scenario").append(d.scenario());
            out.stringColumn("model_name").append(d.model());
            out.stringColumn("max_tokens").append(d.maxTokens());
            out.stringColumn("engine_a").append(d.engineA());
            out.stringColumn("engine_b").append(d.engineB());
            out.stringColumn("engines").append(d.engineA() + " vs " + d.engineB() + (d.simulated() ? " [sim]" : ""));
            out.stringColumn("n").append(d.n());
            d.verdicts().forEach((m, v) -> out.stringColumn(m).append(v));
        }
        return out;
    }
}
