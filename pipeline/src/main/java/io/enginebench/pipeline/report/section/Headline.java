package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.CellFlags;
import io.enginebench.pipeline.report.FigureSpec;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.SimulatedRuns;
import io.enginebench.pipeline.report.TableQueries;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.enginebench.pipeline.warehouse.WarehouseTable.CELL_SUMMARY;
import static io.enginebench.pipeline.warehouse.WarehouseTable.SLO_SEARCH;
import static io.enginebench.pipeline.warehouse.WarehouseTable.WINNERS;

/**
 * The headline: a compact decision table read from {@code winners} (key metrics only), one row per scenario × model ×
 * max_tokens × configuration × load × engine pair, and a tally of the verdicts. Each row compares one load: the whole
 * run of single-level runs, each level of multi-level runs, each arm of two-arm runs. Open-loop rows compare latency
 * from the scheduled send. Runs of an unknown model are never compared; cells of simulated runs are listed apart and
 * never counted. The SLO searches' answers follow in a block of their own.
 */
public final class Headline implements ReportSection {
    /** A key metric: its column header and the metric compared for closed-loop (sent) and open-loop rows. */
    record KeyMetric(String header, String sent, String scheduled) {
        String metricFor(String basis) {
            return "scheduled".equals(basis) ? scheduled : sent;
        }
    }

    static final List<KeyMetric> KEYS = List.of(new KeyMetric("output_tps", "output_tps", "output_tps"),
            new KeyMetric("ttft_p50", "ttft_ms_p50", "ttft_sched_ms_p50"),
            new KeyMetric("tpot_ms_p50", "tpot_ms_p50", "tpot_ms_p50"),
            new KeyMetric("e2e_p95", "e2e_ms_p95", "e2e_sched_ms_p95"),
            new KeyMetric("error_rate", "error_rate", "error_rate"));
    static final List<String> KEY_METRICS = KEYS.stream().map(KeyMetric::header).toList();
    /** Report order of the scenarios; others follow alphabetically. */
    static final List<String> SCENARIO_ORDER = List.of("single_request_latency", "throughput_ramp",
            "throughput_ramp_extended", "long_context_stress", "prefix_sharing_benefit", "structured_generation_speed",
            "decode_length_sweep_64", "decode_length_sweep_256", "decode_length_sweep_1024",
            "decode_length_sweep_4096");
    public static final String WINNER_RULE_DEFAULT = "winner only if the 95% CIs do not overlap "
            + "(|mean_a − mean_b| > ci95_a + ci95_b); else tie; n < 2 on either side: insufficient_data";
    public static final String MARGIN_RULE = "margin = how much better the winner's mean is than the other engine's, "
            + "in % of the other engine's mean";
    static final String NOT_COMPARED = "–";
    static final String INSUFFICIENT = "n<2";
    static final String LOAD_RULE = "Each row compares one load, named in column `load`: the whole run of "
            + "single-level runs, each level of multi-level runs (ramps and rate sweeps: per-level figures, never a "
            + "whole-run mix of loads), each arm of two-arm runs. `latency_basis` `scheduled` (open loop): ttft and "
            + "e2e are measured from the scheduled send (`ttft_sched_ms_p50`, `e2e_sched_ms_p95`); `sent` (closed "
            + "loop): from the actual send (`ttft_ms_p50`, `e2e_ms_p95`). `config`: the first 8 digits of the "
            + "configuration hash; only runs of one configuration are iterations of a cell.";


    /** One decision row: its key and the verdict text per key metric (by header). */
    record Decision(String scenario, String model, String maxTokens, String config, LoadLabel load, String basis,
                    String engineA, String engineB, String n, boolean simulated, Map<String, String> verdicts,
                    String flags) {
        boolean allInsufficient() {
            return verdicts.values().stream().allMatch(v -> v.equals(INSUFFICIENT) || v.equals(NOT_COMPARED));
        }
    }

    /** The metric charted first in a report of simulated runs only: where the personalities differ by design. */
    static final String SIM_CHART_METRIC = "tpot_ms_p50";

    @Override
    public List<WarehouseTable> tables() {
        return List.of(WINNERS, CELL_SUMMARY, SLO_SEARCH);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(new Block.Heading(2, "Headline: which engine wins which metric",
                "headline")));
        Optional<Table> w = kit.table(WINNERS);
        if (w.isEmpty() || w.get().rowCount() == 0) {
            b.add(w.isEmpty() ? new Block.Notice("no data: the warehouse has no `winners` table (run `bench analyze`).")
                    : new Block.Notice("no engine pairs to compare."));
            b.addAll(SloSearchHeadline.blocks(kit));
            return b;
        }
        Table all = w.get();
        java.util.Set<String> rules = TableQueries.distinct(all, "rule");
        b.add(new Block.Paragraph("**Rule:** " + (rules.isEmpty() ? WINNER_RULE_DEFAULT
                : String.join("; ", rules)) + ". Cells show the winner with its margin (" + MARGIN_RULE + "), `tie`, "
                + "or `" + INSUFFICIENT + "` (fewer than 2 iterations on a side); `" + NOT_COMPARED + "`: metric not "
                + "compared. Key metrics " + String.join(", ", KEY_METRICS) + "; every scope, level and metric is in "
                + "the CSV of `winners` below."));
        b.add(new Block.Paragraph(LOAD_RULE));
        Table unknown = TableQueries.where(all, i -> TableQueries.text(all, "model_name", i).isEmpty());
        if (unknown.rowCount() > 0) {
            b.add(new Block.Notice(unknown.rowCount() + " `winners` row(s) of runs without a known model are left "
                    + "out of the headline (data-quality rule `model_unknown`)."));
        }
        List<Decision> decisions = decisions(kit, all);
        List<Decision> real = decisions.stream().filter(d -> !d.simulated()).toList();
        List<Decision> sim = decisions.stream().filter(Decision::simulated).toList();
        List<String> columns = List.of("scenario", "model_name", "max_tokens", "config", "load", "latency_basis",
                "engines", "n");
        if (real.isEmpty() && !sim.isEmpty()) {
            b.addAll(1, simulatedChart(kit));   // the chart opens the headline, right under its heading
            b.addAll(simulatedOnly(kit, sim, columns));
            b.addAll(SloSearchHeadline.blocks(kit));
            b.addAll(kit.table(all, WINNERS, "winners", List.of("model_name"), 0, true));
            return b;
        }
        b.add(new Block.Paragraph("**Tally** (" + real.size() + " real-engine cells × " + KEY_METRICS.size()
                + " metrics, counted with the rule above):"));
        b.add(new Block.Bullets(tally(real)));
        b.addAll(kit.table(byScenario(real), WINNERS, "headline-by-scenario",
                header(List.of("scenario", "cells")), SectionKit.MAX_ROWS, false));
        List<Decision> decided = real.stream().filter(d -> !d.allInsufficient()).toList();
        List<Decision> undecidable = real.stream().filter(Decision::allInsufficient).toList();
        b.add(new Block.Paragraph("Decision per scenario × model × configuration × load × engine pair (scenarios in "
                + "report order; n = iterations of engine a / engine b). " + undecidable.size() + " of " + real.size()
                + " cells have fewer than 2 iterations on a side for every metric: they are listed only in the CSV "
                + "below."));
        b.addAll(decisionTable(kit, decided, "headline-decisions", columns));
        b.addAll(kit.table(toTable(undecidable), WINNERS, "headline-insufficient", List.of("scenario"), 0, false));
        if (!sim.isEmpty()) {
            b.add(new Block.Notice("simulated engine: " + sim.size() + " cell(s) compare runs of the built-in "
                    + "simulator; they are shown here only and are not part of the tally."));
            b.addAll(decisionTable(kit, sim, "headline-simulated", columns));
        }
        b.addAll(SloSearchHeadline.blocks(kit));
        b.addAll(kit.table(all, WINNERS, "winners", List.of("model_name"), 0, true));
        return b;
    }

    /**
     * A warehouse of simulated runs only: the simulated comparison is the headline. After the chart of the key latency
     * per scenario and engine ({@link #simulatedChart}, right under the heading) and the rule: the simulator banner and the cells where the rule named a winner; cells that are
     * ties throughout are counted in one sentence (every row is in the CSV of `winners`).
     */
    private List<Block> simulatedChart(SectionKit kit) {
        List<Block> b = new ArrayList<>();
        kit.table(CELL_SUMMARY).ifPresent(cells -> {
            Table tpot = TableQueries.where(cells, i -> "run".equals(TableQueries.text(cells, "scope", i))
                    && SIM_CHART_METRIC.equals(TableQueries.text(cells, "metric", i)));
            b.addAll(kit.chart(tpot, FigureSpec.bar("headline-simulated-tpot", "Median TPOT per scenario and engine "
                    + "(simulated engines, mean over iterations)", "scenario", "mean", List.of("engine_group"))
                    .labels("scenario", SIM_CHART_METRIC)));
        });
        return b;
    }

    private List<Block> simulatedOnly(SectionKit kit, List<Decision> sim, List<String> columns) {
        List<Block> b = new ArrayList<>();
        b.add(new Block.Notice("simulated engine: every run in this warehouse comes from the built-in simulator, so "
                + "its comparison is the headline; " + sim.size() + " cell(s) compare its personalities. The numbers "
                + "describe the simulator's designed differences (docs/SIMULATOR.md), not real engines."));
        List<Decision> decided = sim.stream().filter(d -> d.verdicts().values().stream()
                .anyMatch(v -> !v.equals("tie") && !v.equals(INSUFFICIENT) && !v.equals(NOT_COMPARED))).toList();
        b.add(new Block.Paragraph(decided.size() + " of " + sim.size() + " cells have a winner on at least one key "
                + "metric; the other " + (sim.size() - decided.size()) + " are ties or lack iterations throughout and "
                + "are only in the CSV below."));
        b.addAll(decisionTable(kit, decided, "headline-simulated", columns));
        return b;
    }

    /** Decision rows with a {@value CellFlags#COLUMN} column and its note when a label rule fired in one of them. */
    private List<Block> decisionTable(SectionKit kit, List<Decision> decisions, String csvBase, List<String> columns) {
        Table t = toTable(decisions);
        Optional<Block> note = CellFlags.footnote(t);
        List<String> shown = new ArrayList<>(columns);
        if (note.isPresent()) {
            shown.add(CellFlags.COLUMN);
        }
        List<Block> out = new ArrayList<>(kit.table(t, WINNERS, csvBase, header(shown), SectionKit.MAX_ROWS, false));
        note.ifPresent(out::add);
        return out;
    }

    private static List<String> header(List<String> first) {
        List<String> h = new ArrayList<>(first);
        h.addAll(KEY_METRICS);
        return h;
    }

    /** The key-metric header a winners row fills, or null when the headline does not show it. */
    private static String headerOf(Table t, int i) {
        String metric = TableQueries.text(t, "metric", i);
        String basis = TableQueries.text(t, "latency_basis", i);
        for (KeyMetric k : KEYS) {
            if (k.metricFor(basis).equals(metric)) {
                return k.header();
            }
        }
        return null;
    }

    /** Which scope a comparison group is read at: per arm, else per level when levels differ, else the whole run. */
    private static String scopeOf(Table t, List<Integer> rows) {
        java.util.Set<String> scopes = new java.util.TreeSet<>();
        java.util.Set<String> levels = new java.util.TreeSet<>();
        for (int i : rows) {
            String scope = TableQueries.text(t, "scope", i);
            scopes.add(scope);
            if (scope.equals("level")) {
                levels.add(TableQueries.text(t, "level_index", i));
            }
        }
        if (scopes.contains("arm")) {
            return "arm";
        }
        if (levels.size() > 1) {
            return "level";
        }
        if (scopes.contains("run") || scopes.contains("")) {
            return scopes.contains("run") ? "run" : "";
        }
        return "level";
    }

    List<Decision> decisions(SectionKit kit, Table t) {
        SimulatedRuns sim = kit.simulated();
        // rows per comparison group (scenario, model, max_tokens, config, engine pair), key metrics of known models
        Map<List<String>, List<Integer>> groups = new TreeMap<>(Headline::compareGroups);
        for (int i = 0; i < t.rowCount(); i++) {
            if (headerOf(t, i) == null || TableQueries.text(t, "model_name", i).isEmpty()) {
                continue;
            }
            groups.computeIfAbsent(List.of(TableQueries.text(t, "scenario", i), TableQueries.text(t, "model_name", i),
                    TableQueries.text(t, "max_tokens", i), TableQueries.text(t, "config_hash", i),
                    TableQueries.text(t, "engine_a", i), TableQueries.text(t, "engine_b", i)),
                    k -> new ArrayList<>()).add(i);
        }
        List<Decision> out = new ArrayList<>();
        groups.forEach((g, rows) -> {
            String scope = scopeOf(t, rows);
            Map<String, Map<String, String>> cells = new TreeMap<>();
            Map<String, LoadLabel> loads = new TreeMap<>();
            Map<String, String> ns = new TreeMap<>();
            Map<String, String> bases = new TreeMap<>();
            Map<String, Boolean> simulated = new TreeMap<>();
            Map<String, java.util.Set<String>> fired = new TreeMap<>();
            for (int i : rows) {
                if (!TableQueries.text(t, "scope", i).equals(scope)) {
                    continue;
                }
                LoadLabel load = LoadLabel.of(t, i);
                String key = load.sortKey();
                loads.put(key, load);
                cells.computeIfAbsent(key, k -> new TreeMap<>()).put(headerOf(t, i), verdict(t, i));
                ns.merge(key, TableQueries.text(t, "n_a", i) + "/" + TableQueries.text(t, "n_b", i),
                        (x, y) -> x.compareTo(y) >= 0 ? x : y);
                bases.merge(key, TableQueries.text(t, "latency_basis", i), (x, y) -> x.equals(y) ? x : "mixed");
                boolean s = sim.isSimulatedEngineCell(t, i, "engine_a") || sim.isSimulatedEngineCell(t, i, "engine_b");
                simulated.merge(key, s, Boolean::logicalOr);
                fired.computeIfAbsent(key, k -> new java.util.TreeSet<>()).addAll(labelFlags(kit, t, i));
            }
            cells.forEach((key, v) -> {
                Map<String, String> verdicts = new LinkedHashMap<>();
                for (String m : KEY_METRICS) {
                    verdicts.put(m, v.getOrDefault(m, NOT_COMPARED));
                }
                String config = g.get(3).length() > 8 ? g.get(3).substring(0, 8) : g.get(3);
                out.add(new Decision(g.get(0), g.get(1), g.get(2), config, loads.get(key), bases.get(key), g.get(4),
                        g.get(5), ns.get(key), simulated.get(key), verdicts, String.join(", ", fired.get(key))));
            });
        });
        return out;
    }

    /** The label rules that fired in either engine's cell of winners row {@code i} (see {@link CellFlags}). */
    private java.util.Set<String> labelFlags(SectionKit kit, Table t, int i) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String side : List.of("engine_a", "engine_b")) {
            CellFlags.CellKey k = CellFlags.key(t, i);
            out.addAll(kit.cellFlags().rules(new CellFlags.CellKey(k.modelName(), TableQueries.text(t, side, i),
                    k.scenario(), k.maxTokens(), null, k.levelIndex(), k.concurrency(), k.targetRate(), k.arm())));
        }
        return out;
    }

    /** Scenario in report order, then model, max_tokens numerically, configuration, then the engine pair. */
    private static int compareGroups(List<String> a, List<String> b) {
        Comparator<List<String>> c = Comparator.<List<String>>comparingInt(k -> scenarioRank(k.get(0)))
                .thenComparing(k -> k.get(0))
                .thenComparing(k -> k.get(1))
                .thenComparingDouble(k -> parse(k.get(2)))
                .thenComparing(k -> k.get(3))
                .thenComparing(k -> k.get(4))
                .thenComparing(k -> k.get(5));
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
        String v = TableQueries.text(t, "verdict", i);
        switch (v) {
            case "tie":
                return "tie";
            case "insufficient_data":
                return INSUFFICIENT;
            case "a", "b": {
                boolean a = v.equals("a");
                String winner = TableQueries.text(t, a ? "engine_a" : "engine_b", i);
                double w = TableQueries.number(t, a ? "mean_a" : "mean_b", i);
                double l = TableQueries.number(t, a ? "mean_b" : "mean_a", i);
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
        for (String c : List.of("scenario", "model_name", "max_tokens", "config", "load", "latency_basis", "engine_a",
                "engine_b", "engines", "n", CellFlags.COLUMN)) {
            out.addColumns(StringColumn.create(c));
        }
        for (String m : KEY_METRICS) {
            out.addColumns(StringColumn.create(m));
        }
        for (Decision d : decisions) {
            out.stringColumn("scenario").append(d.scenario());
            out.stringColumn("model_name").append(d.model());
            out.stringColumn("max_tokens").append(d.maxTokens());
            out.stringColumn("config").append(d.config());
            out.stringColumn("load").append(d.load().text());
            out.stringColumn("latency_basis").append(d.basis());
            out.stringColumn("engine_a").append(d.engineA());
            out.stringColumn("engine_b").append(d.engineB());
            out.stringColumn("engines").append(d.engineA() + " vs " + d.engineB() + (d.simulated() ? " [sim]" : ""));
            out.stringColumn("n").append(d.n());
            out.stringColumn(CellFlags.COLUMN).append(d.flags());
            d.verdicts().forEach((m, v) -> out.stringColumn(m).append(v));
        }
        return out;
    }
}
