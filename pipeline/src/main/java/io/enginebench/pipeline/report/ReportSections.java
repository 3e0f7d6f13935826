package io.enginebench.pipeline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The report's sections, in order. Each one names the warehouse table its numbers come from (see
 * docs/DERIVED_TABLES.md) and says so when there is nothing to show.
 */
public final class ReportSections {
    static final String WINNER_RULE_DEFAULT = "winner only if the 95% CIs do not overlap "
            + "(|mean_a − mean_b| > ci95_a + ci95_b); else tie; n < 2 on either side: insufficient_data";
    static final String LEADER_RULE_DEFAULT = "leader: the engine whose 95% CI is better than and does not overlap "
            + "every other engine's; else tie";
    private static final List<String> ENGINE_SERIES = List.of("model_name", "engine_group");
    private static final int MAX_TIMELINE_RUNS = 8;
    private static final int MAX_HIST_SERIES = 6;
    /** Charts draw at most this many models (the most measured ones) so that lines and legends stay readable. */
    static final int MAX_CHART_MODELS = 5;
    private static final int MAX_FINDINGS = 40;

    private final SectionKit kit;
    private final CellFlags flags;

    public ReportSections(SectionKit kit) {
        this.kit = kit;
        this.flags = CellFlags.of(kit.table("runs").orElse(null), kit.table("data_quality").orElse(null));
    }

    /**
     * {@link SectionKit#table} with a {@value CellFlags#COLUMN} column and its note when a label rule fired in any of
     * the rows' cells (tables without such findings are shown as they are).
     */
    private List<Block> flaggedTable(Table t, String source, String csvBase, List<String> columns) {
        Table annotated = flags.annotate(t);
        Optional<Block> note = CellFlags.footnote(annotated);
        if (note.isEmpty()) {
            return kit.table(t, source, csvBase, columns);
        }
        List<String> cols = new ArrayList<>(columns);
        cols.add(CellFlags.COLUMN);
        List<Block> b = new ArrayList<>(kit.table(annotated, source, csvBase, cols));
        b.add(note.get());
        return b;
    }

    public List<Block> all() {
        List<Block> b = new ArrayList<>();
        b.addAll(headline());
        b.addAll(singleRequestLatency());
        b.addAll(throughputRamps());
        b.addAll(longContext());
        b.addAll(prefixSharing());
        b.addAll(structuredOutput());
        b.addAll(decodeSweep());
        b.addAll(concurrency64());
        b.addAll(speculativeDecoding());
        b.addAll(goodput());
        b.addAll(variance());
        b.addAll(distributions());
        b.addAll(tradeoff());
        b.addAll(engineTimelines());
        b.addAll(new Historical(kit).blocks());
        b.addAll(dataQuality());
        b.addAll(Methodology.blocks(kit));
        b.addAll(environment());
        return b;
    }

    private static Block h2(String text, String anchor) {
        return new Block.Heading(2, text, anchor);
    }

    private static Block h3(String text, String anchor) {
        return new Block.Heading(3, text, anchor);
    }

    private static Block missingTable(String name) {
        return new Block.Notice("no data: the warehouse has no `" + name + "` table (run `bench analyze`).");
    }

    List<Block> headline() {
        return new Headline(kit).blocks();
    }

    /**
     * The rows of the {@code k} models with the most measurements (sum of {@code weight}, ties by name; the unknown
     * model last), adding a sentence to {@code notes} when models were left out. Simulated models are always kept.
     */
    static Table topModels(Table t, String weight, int k, List<Block> notes) {
        if (!TableQueries.has(t, "model_name")) {
            return t;
        }
        Map<String, Double> w = new TreeMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double v = TableQueries.number(t, weight, i);
            w.merge(TableQueries.text(t, "model_name", i), Double.isNaN(v) ? 1 : v, Double::sum);
        }
        if (w.size() <= k) {
            return t;
        }
        List<String> ranked = new ArrayList<>(w.keySet());
        ranked.sort(java.util.Comparator.<String>comparingInt(m -> m.isEmpty() ? 1 : 0)
                .thenComparing(m -> -w.get(m)).thenComparing(m -> m));
        List<String> kept = ranked.subList(0, k);
        notes.add(new Block.Paragraph("The chart below draws the " + k + " most-measured of " + w.size() + " models ("
                + kept.stream().map(m -> m.isEmpty() ? SectionKit.UNKNOWN_MODEL : m)
                .collect(java.util.stream.Collectors.joining(", ")) + "); the table and CSV hold all of them."));
        return TableQueries.whereIn(t, "model_name", kept);
    }

    /** Whole-run cell statistics of one scenario (mean ± CI over iterations) with a bar chart of some metrics. */
    private List<Block> cellScenario(String anchor, String title, String scenario, List<String> chartMetrics,
                                     String yLabel) {
        List<Block> b = new ArrayList<>(List.of(h2(title, anchor)));
        Optional<Table> cs = kit.table("cell_summary");
        if (cs.isEmpty()) {
            b.add(missingTable("cell_summary"));
            return b;
        }
        Table t = TableQueries.whereEq(TableQueries.whereEq(cs.get(), "scenario", scenario), "scope", "run");
        if (t.rowCount() == 0) {
            b.add(SectionKit.noRuns(scenario));
            return b;
        }
        b.addAll(flaggedTable(t, "cell_summary", anchor, List.of("model_name", "engine_group", "max_tokens", "metric",
                "n", "mean", "sd", "ci95_halfwidth", "cv_pct", "high_variance")));
        b.addAll(kit.chart(topModels(TableQueries.whereIn(t, "metric", chartMetrics), "n", MAX_CHART_MODELS, b),
                FigureSpec.bar(anchor, title + ": "
                + String.join(", ", chartMetrics), "metric", "mean", ENGINE_SERIES).labels("metric", yLabel)));
        return b;
    }

    List<Block> singleRequestLatency() {
        return cellScenario("single-request-latency", "Single-request latency", "single_request_latency",
                List.of("ttft_ms_p50", "ttft_ms_p95", "tpot_ms_p50", "tpot_ms_p95"), "ms (mean over iterations)");
    }

    List<Block> longContext() {
        return cellScenario("long-context", "Long context", "long_context_stress",
                List.of("ttft_ms_p50", "ttft_ms_p95", "tpot_ms_p50"), "ms (mean over iterations)");
    }

    List<Block> throughputRamps() {
        List<Block> b = new ArrayList<>(List.of(h2("Throughput vs concurrency", "throughput")));
        Optional<Table> cl = kit.table("concurrency_levels");
        if (cl.isEmpty()) {
            b.add(missingTable("concurrency_levels"));
            return b;
        }
        Set<String> rules = TableQueries.distinct(cl.get(), "saturation_rule");
        if (!rules.isEmpty()) {
            b.add(new Block.Paragraph("**Saturation rule:** " + String.join("; ", rules)));
        }
        for (String scenario : List.of("throughput_ramp", "throughput_ramp_extended")) {
            String id = scenario.replace('_', '-');
            b.add(h3("Scenario `" + scenario + "`", id));
            Table t = TableQueries.whereEq(cl.get(), "scenario", scenario);
            if (t.rowCount() == 0) {
                b.add(SectionKit.noRuns(scenario));
                continue;
            }
            b.addAll(flaggedTable(t, "concurrency_levels", id, List.of("model_name", "engine_group", "level_index",
                    "concurrency", "n_runs", "output_tps", "output_tps_ci95", "request_rps", "ttft_ms_p50",
                    "ttft_ms_p95", "tpot_ms_p50", "e2e_ms_p50", "e2e_ms_p95", "tps_gain_pct", "is_saturation",
                    "is_peak")));
            b.addAll(peaks(t, id));
            Table drawn = topModels(t, "n_runs", MAX_CHART_MODELS, b);
            Table measured = TableQueries.where(drawn, i -> !Double.isNaN(TableQueries.number(drawn, "output_tps", i)));
            if (measured.rowCount() > 0) {
                b.addAll(kit.chart(measured, FigureSpec.line(id + "-tps", scenario + ": output tokens/s per "
                        + "concurrency level", "concurrency", "output_tps", ENGINE_SERIES)
                        .labels("concurrency", "output tokens/s")));
            }
            if (measured.rowCount() < drawn.rowCount()) {
                b.add(new Block.Paragraph("Per-level output_tps is null for " + (drawn.rowCount()
                        - measured.rowCount()) + " level row(s) of legacy runs (their levels have no common clock). "
                        + "The next chart estimates request throughput per level by Little's law for a closed loop: "
                        + "`request_rps ≈ concurrency / e2e_ms_p50 × 1000` (computed in the report from "
                        + "`concurrency_levels`)."));
                b.addAll(kit.chart(withLittlesLaw(drawn), FigureSpec.line(id + "-rps-estimate", scenario
                        + ": requests/s per concurrency level (Little's law estimate)", "concurrency",
                        "request_rps_estimate", ENGINE_SERIES).labels("concurrency", "requests/s (estimated)")));
            }
            b.addAll(kit.chart(drawn, FigureSpec.line(id + "-ttft", scenario + ": TTFT p95 per concurrency level",
                    "concurrency", "ttft_ms_p95", ENGINE_SERIES).labels("concurrency", "ttft_ms p95 (ms)")));
        }
        return b;
    }

    /** Per curve: its peak level (named), whether the peak stands clear of the other levels, and the whole-run mix. */
    private List<Block> peaks(Table t, String id) {
        Table peaks = TableQueries.where(t, i -> TableQueries.isTrue(t, "is_peak", i));
        if (peaks.rowCount() == 0) {
            return List.of();
        }
        List<Block> b = new ArrayList<>();
        Set<String> rules = TableQueries.distinct(t, "peak_rule");
        b.add(new Block.Paragraph("Peak per curve (" + (rules.isEmpty() ? "the level with the highest mean "
                + "output_tps" : String.join("; ", rules)) + "). `output_tps_whole_run` is the whole run's tokens "
                + "over its duration, a mix of every level's load: it is not the throughput at any one level."));
        b.addAll(kit.table(peaks, "concurrency_levels", id + "-peak", List.of("model_name", "engine_group",
                "peak_concurrency", "peak_target_rate", "peak_output_tps", "output_tps_ci95", "peak_separated",
                "output_tps_whole_run")));
        return b;
    }

    /** Adds request_rps_estimate = concurrency / e2e_ms_p50 × 1000 (Little's law, closed loop). */
    static Table withLittlesLaw(Table t) {
        Table out = t.copy();
        DoubleColumn est = DoubleColumn.create("request_rps_estimate", out.rowCount());
        for (int i = 0; i < out.rowCount(); i++) {
            double c = TableQueries.number(out, "concurrency", i);
            double e2e = TableQueries.number(out, "e2e_ms_p50", i);
            est.set(i, e2e > 0 ? c / e2e * 1000 : Double.NaN);
        }
        return out.addColumns(est);
    }

    List<Block> prefixSharing() {
        List<Block> b = new ArrayList<>(List.of(h2("Prefix sharing and cache hit rate", "prefix-sharing")));
        Optional<Table> pc = kit.table("prefix_cache");
        if (pc.isEmpty()) {
            b.add(missingTable("prefix_cache"));
            return b;
        }
        if (pc.get().rowCount() == 0) {
            b.add(SectionKit.noRuns("prefix_sharing_benefit"));
            return b;
        }
        Table t = pc.get();
        b.add(new Block.Paragraph("`hit_rate` = Δprefix_cache_hits_total / Δprefix_cache_queries_total from the "
                + "engine's counters; `ttft_ratio` = TTFT p50 of the shared arm / unique arm (below 1: sharing helps)."));
        b.addAll(flaggedTable(t, "prefix_cache", "prefix-sharing", List.of("model_name", "engine_group", "iteration",
                "run_uid", "queries", "hits", "hit_rate", "cached_token_share_shared", "ttft_ms_p50_shared",
                "ttft_ms_p50_unique", "ttft_ratio")));
        b.addAll(kit.chart(t, FigureSpec.bar("prefix-hit-rate", "Prefix-cache hit rate", "engine_group", "hit_rate",
                List.of("model_name")).labels("engine", "hit rate (0-1)")));
        b.addAll(kit.chart(t, FigureSpec.bar("prefix-ttft-ratio", "TTFT shared / unique prefix", "engine_group",
                "ttft_ratio", List.of("model_name")).labels("engine", "ratio")));
        return b;
    }

    List<Block> structuredOutput() {
        List<Block> b = new ArrayList<>(List.of(h2("Structured output", "structured")));
        Optional<Table> st = kit.table("structured");
        if (st.isEmpty()) {
            b.add(missingTable("structured"));
            return b;
        }
        if (st.get().rowCount() == 0) {
            b.add(SectionKit.noRuns("structured_generation_speed"));
            return b;
        }
        Table t = st.get();
        b.add(new Block.Paragraph("`structured_valid_rate`: share of JSON-schema requests whose output parses and "
                + "validates; overheads compare the constrained arm with the unconstrained arm of the same run."));
        b.addAll(flaggedTable(t, "structured", "structured", List.of("model_name", "engine_group", "iteration",
                "run_uid", "structured_valid_rate", "tpot_ms_p50_constrained", "tpot_ms_p50_unconstrained",
                "tpot_overhead_pct", "output_tps_constrained", "output_tps_unconstrained", "tps_overhead_pct")));
        b.addAll(kit.chart(t, FigureSpec.bar("structured-overhead", "Structured output: TPOT overhead",
                "engine_group", "tpot_overhead_pct", List.of("model_name")).labels("engine", "TPOT overhead (%)")));
        b.addAll(kit.chart(t, FigureSpec.bar("structured-validity", "Structured output: valid rate",
                "engine_group", "structured_valid_rate", List.of("model_name")).labels("engine", "valid rate (0-1)")));
        return b;
    }

    List<Block> decodeSweep() {
        List<Block> b = new ArrayList<>(List.of(h2("Decode-length sweep", "decode-sweep")));
        Optional<Table> ds = kit.table("decode_sweep");
        if (ds.isEmpty()) {
            b.add(missingTable("decode_sweep"));
            return b;
        }
        if (ds.get().rowCount() == 0) {
            b.add(SectionKit.noRuns("decode_length_sweep_*"));
            return b;
        }
        Table t = ds.get();
        // one row per model × metric × max_tokens where the leader changed (the table repeats it per engine)
        Table crossoverRows = TableQueries.where(t, i -> TableQueries.isTrue(t, "crossover", i));
        Table crossovers = crossoverRows.selectColumns(TableQueries.existing(crossoverRows,
                List.of("model_name", "metric", "max_tokens", "leader")).toArray(new String[0])).dropDuplicateRows();
        Set<String> leaderRules = TableQueries.distinct(t, "leader_rule");
        b.add(new Block.Paragraph("**Leader rule:** " + (leaderRules.isEmpty() ? LEADER_RULE_DEFAULT
                : String.join("; ", leaderRules)) + ". A crossover is a change between engines that lead by this rule "
                + "(a tie or too few iterations decides nothing). Crossovers found: " + crossovers.rowCount() + "."));
        if (crossovers.rowCount() > 0) {
            b.addAll(kit.table(crossovers, "decode_sweep", "decode-sweep-crossovers", List.of("model_name",
                    "metric", "max_tokens", "leader")));
        }
        b.addAll(flaggedTable(t, "decode_sweep", "decode-sweep", List.of("model_name", "metric", "max_tokens",
                "engine_group", "n", "mean", "sd", "ci95_halfwidth", "leader", "crossover")));
        Table drawn = topModels(t, "n", MAX_CHART_MODELS, b);
        for (String metric : List.of("output_tps", "tpot_ms_p50")) {
            b.addAll(kit.chart(TableQueries.whereEq(drawn, "metric", metric), FigureSpec.line("decode-sweep-" + metric,
                    "Decode-length sweep: " + metric, "max_tokens", "mean", ENGINE_SERIES)
                    .labels("max_tokens", metric + " (mean)")));
        }
        return b;
    }

    List<Block> concurrency64() {
        List<Block> b = new ArrayList<>(List.of(h2("Concurrency-64 ramp", "concurrency-64")));
        Optional<Table> cl = kit.table("concurrency_levels");
        if (cl.isEmpty()) {
            b.add(missingTable("concurrency_levels"));
            return b;
        }
        Table t = TableQueries.whereEq(cl.get(), "concurrency", "64");
        if (t.rowCount() == 0) {
            b.add(SectionKit.noRuns("ramp level with concurrency 64"));
            return b;
        }
        b.add(new Block.Paragraph("The concurrency-64 level of every ramp: the heaviest closed-loop load."));
        b.addAll(flaggedTable(t, "concurrency_levels", "concurrency-64", List.of("model_name", "engine_group",
                "scenario", "n_runs", "output_tps", "request_rps", "ttft_ms_p95", "e2e_ms_p95", "is_saturation")));
        Table c64 = withLittlesLaw(topModels(t, "n_runs", MAX_CHART_MODELS, b));
        boolean measured = TableQueries.where(c64, i -> !Double.isNaN(TableQueries.number(c64, "output_tps", i))).rowCount() > 0;
        b.addAll(kit.chart(c64, measured ? FigureSpec.bar("concurrency-64-tps", "Output tokens/s at concurrency 64",
                "engine_group", "output_tps", List.of("model_name", "scenario")).labels("engine", "output tokens/s")
                : FigureSpec.bar("concurrency-64-rps-estimate", "Requests/s at concurrency 64 (Little's law estimate: "
                + "64 / e2e_ms_p50 × 1000)", "engine_group", "request_rps_estimate", List.of("model_name", "scenario"))
                .labels("engine", "requests/s (estimated)")));
        return b;
    }

    List<Block> speculativeDecoding() {
        List<Block> b = new ArrayList<>(List.of(h2("Speculative decoding", "speculative")));
        Optional<Table> sd = kit.table("spec_decoding");
        if (sd.isEmpty()) {
            b.add(missingTable("spec_decoding"));
            return b;
        }
        if (sd.get().rowCount() == 0) {
            b.add(SectionKit.noRuns("speculative-decoding variants"));
            return b;
        }
        Table t = sd.get();
        b.add(new Block.Paragraph("`acceptance_rate` = Σ Δaccepted / Σ Δdraft tokens from the engine's counters; "
                + "ratios compare each variant with its base engine on the same model and scenario."));
        b.addAll(kit.table(t, "spec_decoding", "speculative", List.of("model_name", "scenario", "engine",
                "engine_variant", "spec_method", "n_variant_runs", "n_base_runs", "tps_ratio", "tpot_ratio",
                "acceptance_rate", "mean_accepted_length", "tokens_per_chunk")));
        b.addAll(kit.chart(t, FigureSpec.bar("spec-acceptance", "Speculative decoding: acceptance rate",
                "engine_variant", "acceptance_rate", List.of("model_name", "scenario"))
                .labels("variant", "acceptance rate (0-1)")));
        b.addAll(kit.chart(t, FigureSpec.bar("spec-tps-ratio", "Speculative decoding: throughput vs base",
                "engine_variant", "tps_ratio", List.of("model_name", "scenario")).labels("variant", "variant / base")));
        return b;
    }

    List<Block> goodput() {
        List<Block> b = new ArrayList<>(List.of(h2("Goodput", "goodput")));
        Optional<Table> gp = kit.table("goodput");
        if (gp.isEmpty()) {
            b.add(missingTable("goodput"));
            return b;
        }
        Table agg = TableQueries.whereEq(gp.get(), "scope", "aggregate");
        if (agg.rowCount() == 0) {
            b.add(new Block.Notice("no goodput rows in the selected data."));
            return b;
        }
        b.add(new Block.Paragraph("SLOs used (ttft_ms:tpot_ms[:e2e_ms], bounds inclusive): "
                + String.join(", ", TableQueries.distinct(agg, "slo")) + ". goodput_rps = qualifying requests / Σ "
                + "duration_s over every run of a model × engine; pass_pct = qualifying / counted. Open-loop requests "
                + "(`latency_basis` `scheduled`) are timed from their scheduled send."));
        b.addAll(kit.table(agg, "goodput", "goodput", List.of("model_name", "engine_group", "slo", "latency_basis",
                "qualifying", "counted", "duration_s", "goodput_rps", "pass_pct")));
        for (String slo : TableQueries.distinct(agg, "slo")) {
            String id = "goodput-" + slo.replace(':', '-');
            b.addAll(kit.chart(topModels(TableQueries.whereEq(agg, "slo", slo), "counted", 2 * MAX_CHART_MODELS, b),
                    FigureSpec.bar(id, "Goodput at SLO " + slo,
                    "engine_group", "goodput_rps", List.of("model_name")).labels("engine", "goodput (req/s)")));
        }
        return b;
    }

    List<Block> variance() {
        List<Block> b = new ArrayList<>(List.of(h2("Variance across iterations", "variance")));
        Optional<Table> v = kit.table("variance");
        if (v.isEmpty()) {
            b.add(missingTable("variance"));
            return b;
        }
        Table t = v.get();
        if (t.rowCount() == 0) {
            b.add(new Block.Notice("no cells with repeated iterations in the selected data."));
            return b;
        }
        Table flagged = TableQueries.where(t, i -> TableQueries.isTrue(t, "high_variance", i));
        b.add(new Block.Paragraph("CV = sd / mean · 100 over the iterations of a cell; cells above 5% are flagged "
                + "(`high_variance`). Flagged: " + flagged.rowCount() + " of " + t.rowCount() + "."));
        if (flagged.rowCount() > 0) {
            b.add(new Block.Notice("CV > 5% in " + flagged.rowCount() + " cell(s): treat their comparisons with care."));
            b.add(new Block.Paragraph("Flagged cells, highest CV first:"));
            b.addAll(kit.table(Historical.byDescending(flagged, "cv_pct"), "variance", "variance-flagged",
                    List.of("model_name", "engine_group", "scenario", "max_tokens", "metric", "n", "mean", "cv_pct"),
                    SectionKit.MAX_ROWS, false));
        }
        b.addAll(kit.table(t, "variance", "variance", List.of("model_name"), 0, false));
        b.addAll(kit.chart(topModels(TableQueries.whereIn(t, "metric", List.of("output_tps", "ttft_ms_p50", "tpot_ms_p50")),
                "n", 2, b), FigureSpec.bar("variance-cv", "Coefficient of variation (5% flag line)", "scenario",
                "cv_pct", List.of("model_name", "engine_group", "metric")).labels("scenario", "CV (%)")));
        return b;
    }

    List<Block> distributions() {
        List<Block> b = new ArrayList<>(List.of(h2("TPOT and ITL distributions", "distributions")));
        for (String kind : List.of("tpot", "itl")) {
            b.add(h3(kind.toUpperCase(java.util.Locale.ROOT), "distributions-" + kind));
            Optional<Table> stats = kit.table(kind);
            if (stats.isPresent() && stats.get().rowCount() > 0) {
                Table t = TableQueries.whereEq(stats.get(), "scope", "run");
                b.addAll(kit.table(t, kind, "distribution-" + kind, List.of("model_name", "engine_group",
                        "scenario", "iteration", "run_uid", "n", "mean", "p50", "p90", "p99", "max")));
            } else {
                b.add(stats.isEmpty() ? missingTable(kind) : new Block.Notice("no " + kind + " values."));
            }
            Optional<Table> hist = kit.table(kind + "_hist");
            if (hist.isEmpty() || hist.get().rowCount() == 0) {
                b.add(hist.isEmpty() ? missingTable(kind + "_hist") : new Block.Notice("no histogram bins."));
                continue;
            }
            b.addAll(histogram(hist.get(), kind));
        }
        return b;
    }

    /** Bins are pre-aggregated by the analysis (20 per run); at most {@value #MAX_HIST_SERIES} runs are drawn. */
    private List<Block> histogram(Table h, String kind) {
        List<Block> b = new ArrayList<>();
        Table t = h.copy();
        if (TableQueries.has(t, "bin_lo_ms") && TableQueries.has(t, "bin_hi_ms")) {
            DoubleColumn mid = DoubleColumn.create("bin_mid_ms", t.rowCount());
            for (int i = 0; i < t.rowCount(); i++) {
                mid.set(i, (TableQueries.number(t, "bin_lo_ms", i) + TableQueries.number(t, "bin_hi_ms", i)) / 2);
            }
            t.addColumns(mid);
        }
        List<String> runs = new ArrayList<>(TableQueries.distinct(t, "run_uid"));
        if (runs.size() > MAX_HIST_SERIES) {
            b.add(new Block.Paragraph("Histogram shows the first " + MAX_HIST_SERIES + " of " + runs.size()
                    + " runs (by run_uid); all bins are in the CSV."));
            runs = runs.subList(0, MAX_HIST_SERIES);
        }
        Table shown = TableQueries.whereIn(t, "run_uid", runs);
        b.addAll(kit.table(shown, kind + "_hist", kind + "-hist", List.of("model_name", "engine_group",
                "scenario", "run_uid", "bin", "bin_lo_ms", "bin_hi_ms", "count", "share")));
        b.addAll(kit.chart(shown, new FigureSpec(kind + "-hist", FigureSpec.Kind.HISTOGRAM,
                kind.toUpperCase(java.util.Locale.ROOT) + " distribution per run (share of values per bin)",
                "bin_mid_ms", "share", List.of("model_name", "engine_group", "scenario", "run_uid"), null,
                kind + "_ms (bin centre)", "share of values")));
        return b;
    }

    List<Block> tradeoff() {
        List<Block> b = new ArrayList<>(List.of(h2("Throughput vs latency trade-off", "tradeoff")));
        Optional<Table> cm = kit.table("cross_model");
        if (cm.isEmpty()) {
            b.add(missingTable("cross_model"));
            return b;
        }
        if (cm.get().rowCount() == 0) {
            b.add(new Block.Notice("no runs in the selected data."));
            return b;
        }
        Table t = cm.get();
        b.add(new Block.Paragraph("One bubble per model × engine × scenario × configuration (means over runs of one load each; ramps and "
                + "rate sweeps are in their own sections); bubble area ∝ "
                + "model parameters (`model_params_b`, billions; unknown sizes are drawn small)."));
        b.addAll(kit.table(t, "cross_model", "tradeoff", List.of("model_name", "model_params_b", "engine_group",
                "scenario", "n_runs", "output_tps", "ttft_ms_p50", "tpot_ms_p50")));
        b.addAll(kit.chart(t, new FigureSpec("tradeoff-bubble", FigureSpec.Kind.BUBBLE,
                "Throughput vs TPOT (bubble = model size)", "tpot_ms_p50", "output_tps", List.of("engine_group"),
                "model_params_b", "tpot_ms p50 (ms)", "output tokens/s")));
        return b;
    }

    List<Block> engineTimelines() {
        List<Block> b = new ArrayList<>(List.of(h2("Engine KV cache and queue timelines", "timelines")));
        Optional<Table> em = kit.table("engine_metrics");
        if (em.isEmpty()) {
            b.add(new Block.Notice("no data: the warehouse has no `engine_metrics` table."));
            return b;
        }
        List<String> names = List.of("kv_cache_usage", "requests_running", "requests_waiting");
        Table t = TableQueries.whereIn(em.get(), "name", names);
        Table nonZero = TableQueries.where(t, i -> {
            double v = TableQueries.number(t, "value", i);
            return !Double.isNaN(v) && v != 0;
        });
        if (nonZero.rowCount() == 0) {
            b.add(new Block.Notice("engine_metrics has no non-zero samples of " + String.join(", ", names)
                    + " in the selected runs (" + t.rowCount() + " samples, all zero or absent): no timeline to draw."));
            return b;
        }
        List<String> runs = new ArrayList<>(TableQueries.distinct(nonZero, "run_uid"));
        if (runs.size() > MAX_TIMELINE_RUNS) {
            b.add(new Block.Paragraph("Timelines show the first " + MAX_TIMELINE_RUNS + " of " + runs.size()
                    + " runs with non-zero samples (by run_uid)."));
            runs = runs.subList(0, MAX_TIMELINE_RUNS);
        }
        Table shown = withRunLabels(TableQueries.whereIn(t, "run_uid", runs));
        b.add(new Block.Paragraph("Source: base table `engine_metrics` (samples scraped from the engine during the "
                + "run; t = seconds from the run start)."));
        for (String name : names) {
            Table one = TableQueries.whereEq(shown, "name", name);
            if (one.rowCount() == 0) {
                b.add(new Block.Paragraph("No `" + name + "` samples."));
                continue;
            }
            b.addAll(kit.chart(one, FigureSpec.line("timeline-" + name.replace('_', '-'), "Engine " + name,
                    "t_s", "value", List.of("run_label")).labels("seconds from run start", name)));
        }
        return b;
    }

    /** Adds t_s and a readable run label (engine / model / scenario / run_uid) taken from {@code runs}. */
    private Table withRunLabels(Table samples) {
        Map<String, String> labels = new TreeMap<>();
        kit.table("runs").ifPresent(r -> {
            for (int i = 0; i < r.rowCount(); i++) {
                String variant = TableQueries.text(r, "engine_variant", i);
                String engine = variant.isEmpty() ? TableQueries.text(r, "engine", i) : variant;
                labels.put(TableQueries.text(r, "run_uid", i), engine + " / " + TableQueries.text(r, "model_name", i) + " / "
                        + TableQueries.text(r, "scenario", i));
            }
        });
        Table t = samples.copy();
        DoubleColumn ts = DoubleColumn.create("t_s", t.rowCount());
        tech.tablesaw.api.StringColumn label = tech.tablesaw.api.StringColumn.create("run_label");
        for (int i = 0; i < t.rowCount(); i++) {
            ts.set(i, TableQueries.number(t, "t_ns", i) / 1e9);
            String uid = TableQueries.text(t, "run_uid", i);
            label.append(labels.getOrDefault(uid, "?") + " / " + uid);
        }
        return t.addColumns(ts, label);
    }

    List<Block> dataQuality() {
        List<Block> b = new ArrayList<>(List.of(h2("Data quality", "data-quality")));
        Optional<Table> dq = kit.table("data_quality_summary");
        if (dq.isPresent() && dq.get().rowCount() > 0) {
            b.addAll(kit.table(dq.get(), "data_quality_summary", "data-quality-summary",
                    List.of("rule", "severity", "source", "count")));
        } else {
            b.add(new Block.Paragraph("No data-quality findings" + (dq.isEmpty() ? " (no `data_quality_summary`)."
                    : ".")));
        }
        kit.table("data_quality").filter(q -> q.rowCount() > 0).ifPresent(q -> {
            b.add(new Block.Paragraph("Top findings: one row per rule, errors first, then by number of findings, with "
                    + "the first affected file as an example (every finding is in the CSV of `data_quality`)."));
            b.addAll(kit.table(topFindings(q), "data_quality", "data-quality-top", List.of("severity", "rule",
                    "findings", "runs", "example_path", "example_detail"), MAX_FINDINGS, false));
            b.addAll(kit.table(q, "data_quality", "data-quality", List.of("rule"), 0, false));
            Table labels = TableQueries.whereIn(q, "rule", io.enginebench.pipeline.quality.Rules.LABEL);
            if (labels.rowCount() > 0) {
                b.add(new Block.Paragraph("Labels that did not hold (" + labels.rowCount() + " findings; the tables "
                        + "above mark the affected cells in their `" + CellFlags.COLUMN + "` column):"));
                List<String> shown = java.util.stream.Stream.of("rule", "run_uid", "level_index", "concurrency",
                        "target_rate", "arm", "detail").filter(c -> TableQueries.has(labels, c)).toList();
                b.addAll(kit.table(labels, "data_quality", "data-quality-labels", shown));
            }
        });
        kit.table("quarantine").filter(q -> q.rowCount() > 0).ifPresent(q -> {
            b.add(new Block.Notice(q.rowCount() + " file(s) could not be ingested (quarantine)."));
            b.addAll(kit.table(q, "quarantine", "quarantine", List.of("source_path", "reason")));
        });
        kit.table("runs").ifPresent(r -> {
            Table cb = TableQueries.where(r, i -> TableQueries.isTrue(r, "client_bound", i));
            if (cb.rowCount() > 0) {
                b.add(new Block.Notice(cb.rowCount() + " run(s) were client-bound (the load generator could not "
                        + "keep its schedule): their latencies include client delay."));
                b.addAll(kit.table(cb, "runs", "client-bound-runs", List.of("run_uid", "engine", "engine_variant",
                        "model_name", "scenario", "schedule_lag_p99_ms")));
            } else {
                b.add(new Block.Paragraph("No run was client-bound (schedule lag within threshold)."));
            }
        });
        return b;
    }

    /** Findings grouped by rule and severity: counts, distinct runs, the first finding (by path) as an example. */
    static Table topFindings(Table q) {
        Map<List<String>, List<Integer>> groups = new TreeMap<>((a, c) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", c)));
        for (int i = 0; i < q.rowCount(); i++) {
            groups.computeIfAbsent(List.of(TableQueries.text(q, "severity", i), TableQueries.text(q, "rule", i)),
                    k -> new ArrayList<>()).add(i);
        }
        List<Map.Entry<List<String>, List<Integer>>> ranked = new ArrayList<>(groups.entrySet());
        List<String> severities = List.of("error", "warning", "info");
        ranked.sort(java.util.Comparator.<Map.Entry<List<String>, List<Integer>>>comparingInt(e -> {
            int r = severities.indexOf(e.getKey().get(0));
            return r < 0 ? severities.size() : r;
        }).thenComparingInt(e -> -e.getValue().size()).thenComparing(e -> e.getKey().get(1)));
        Table out = Table.create("data-quality-top");
        for (String c : List.of("severity", "rule")) {
            out.addColumns(tech.tablesaw.api.StringColumn.create(c));
        }
        out.addColumns(tech.tablesaw.api.IntColumn.create("findings"), tech.tablesaw.api.IntColumn.create("runs"));
        for (String c : List.of("example_path", "example_detail")) {
            out.addColumns(tech.tablesaw.api.StringColumn.create(c));
        }
        for (Map.Entry<List<String>, List<Integer>> e : ranked) {
            java.util.Set<String> runs = new java.util.TreeSet<>();
            int first = -1;
            for (int i : e.getValue()) {
                String uid = TableQueries.text(q, "run_uid", i);
                if (!uid.isEmpty()) {
                    runs.add(uid);
                }
                if (first < 0 || (TableQueries.text(q, "source_path", i) + TableQueries.text(q, "detail", i)).compareTo(
                        TableQueries.text(q, "source_path", first) + TableQueries.text(q, "detail", first)) < 0) {
                    first = i;
                }
            }
            out.stringColumn("severity").append(e.getKey().get(0));
            out.stringColumn("rule").append(e.getKey().get(1));
            out.intColumn("findings").append(e.getValue().size());
            out.intColumn("runs").append(runs.size());
            out.stringColumn("example_path").append(TableQueries.text(q, "source_path", first));
            String detail = TableQueries.text(q, "detail", first);
            out.stringColumn("example_detail").append(detail.length() > 160 ? detail.substring(0, 157) + "…"
                    : detail);
        }
        return out;
    }

    List<Block> environment() {
        List<Block> b = new ArrayList<>(List.of(h2("Environment", "environment")));
        Optional<Table> runs = kit.table("runs");
        if (runs.isEmpty() || runs.get().rowCount() == 0) {
            b.add(new Block.Notice("no runs in the selected data."));
            return b;
        }
        Table r = runs.get();
        List<String> keys = TableQueries.existing(r, List.of("source", "engine", "engine_variant", "engine_version",
                "simulated", "model_name", "model_params_b", "hardware", "loadgen_version"));
        Table counted = countBy(r, keys);
        b.add(new Block.Paragraph("Distinct combinations of engine, version, model, hardware and load generator "
                + "over the selected runs, with the number of runs of each."));
        List<String> cols = new ArrayList<>(keys);
        cols.add("runs");
        b.addAll(kit.table(counted, "runs", "environment", cols));
        return b;
    }

    /** Distinct value combinations of {@code keys} (as text) with the number of rows of each. */
    private static Table countBy(Table r, List<String> keys) {
        Map<List<String>, Integer> counts = new TreeMap<>((a, c) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", c)));
        for (int i = 0; i < r.rowCount(); i++) {
            List<String> k = new ArrayList<>();
            for (String c : keys) {
                k.add(TableQueries.text(r, c, i));
            }
            counts.merge(k, 1, Integer::sum);
        }
        Table out = Table.create("environment");
        for (String c : keys) {
            out.addColumns(tech.tablesaw.api.StringColumn.create(c));
        }
        tech.tablesaw.api.IntColumn n = tech.tablesaw.api.IntColumn.create("runs");
        out.addColumns(n);
        counts.forEach((k, v) -> {
            for (int j = 0; j < k.size(); j++) {
                out.stringColumn(j).append(k.get(j));
            }
            n.append(v);
        });
        return out;
    }
}
