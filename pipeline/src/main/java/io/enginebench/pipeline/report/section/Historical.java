package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.FigureSpec;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.enginebench.pipeline.report.section.SectionCharts.topModels;
import static io.enginebench.pipeline.warehouse.WarehouseTable.DATA_QUALITY_SUMMARY;
import static io.enginebench.pipeline.warehouse.WarehouseTable.LEGACY_DECODE_SWEEP;
import static io.enginebench.pipeline.warehouse.WarehouseTable.LEGACY_FILE_METRICS;
import static io.enginebench.pipeline.warehouse.WarehouseTable.LEGACY_GOODPUT;
import static io.enginebench.pipeline.warehouse.WarehouseTable.LEGACY_TPOT;
import static io.enginebench.pipeline.warehouse.WarehouseTable.LEGACY_VARIANCE;

/**
 * "Historical runs (older harness)": the legacy-compatible tables (docs/DERIVED_TABLES.md), which reproduce the older
 * harness's own definitions over the imported result files, with the caveats the data-quality rules found in them.
 */
public final class Historical implements ReportSection {
    /** Data-quality rules that qualify legacy numbers, with what they mean for a reader of this section. */
    private static final Map<String, String> CAVEATS = new TreeMap<>(Map.of(
            "all_zero_tokens", "files where every request produced 0 output tokens (TTFT there is the time to an "
                    + "empty stream)",
            "ok_with_zero_tokens", "files with requests counted as successful that produced 0 tokens",
            "spec_tokens_are_chunks", "speculative-decoding files whose token counts are chunks of several tokens",
            "prompt_shorter_than_label", "files whose prompts are far shorter than their scenario label says (e.g. "
                    + "\"long context\" prompts of a few dozen words)",
            "engine_metrics_all_zero", "files whose engine-metric timeline is all zeros (the older harness read "
                    + "metric names the engine did not expose)",
            "json_schema_not_sent", "structured-generation files where no JSON schema was sent",
            "missing_run_metadata", "files without run_metadata: model unknown, shown as `(unknown model)`",
            "duplicate_file", "byte-identical copies stored once",
            "repeated_cell", "cells measured more than once (all runs kept)"));
    private static final int MAX_TRACES = 10;


    @Override
    public List<WarehouseTable> tables() {
        return List.of(LEGACY_FILE_METRICS, DATA_QUALITY_SUMMARY, LEGACY_TPOT, LEGACY_GOODPUT, LEGACY_VARIANCE,
                LEGACY_DECODE_SWEEP);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(new Block.Heading(2, "Historical runs (older harness)",
                "historical")));
        Optional<Table> files = kit.table(LEGACY_FILE_METRICS);
        if (files.isEmpty() || files.get().rowCount() == 0) {
            b.add(files.isEmpty() ? new Block.Notice("no data: the warehouse has no `legacy_file_metrics` table "
                    + "(run `bench analyze`).") : new Block.Notice("no legacy result files in the selected data."));
            return b;
        }
        b.add(new Block.Paragraph("Result files of the older Python harness, analysed with that harness's own "
                + "definitions (METRICS.md \"Legacy-compatible\"). **Selection:** runs with `source = 'legacy-json'`, "
                + "grouped by `collection` (the result folder) so each folder is read on its own; `engine` = "
                + "`coalesce(engine_variant, engine)` (speculative-decoding variants apart) unless the warehouse was "
                + "analysed with `--legacy-merge-spec`."));
        b.addAll(caveats(kit));
        b.add(new Block.Heading(3, "Files per collection", "historical-collections"));
        b.addAll(kit.table(perCollection(files.get()), LEGACY_FILE_METRICS, "legacy-collections",
                List.of("collection", "files", "models", "engines", "scenarios", "unknown_model_files", "first",
                        "last")));
        b.addAll(tpot(kit));
        b.addAll(goodput(kit));
        b.addAll(variance(kit));
        b.addAll(decodeSweep(kit));
        return b;
    }

    private List<Block> caveats(SectionKit kit) {
        List<Block> b = new ArrayList<>();
        List<String> items = new ArrayList<>(List.of("`output_tokens` (hence tokens_per_sec and TPOT) counts non-empty "
                + "stream chunks, not tokens; `prompt_len` counts words."));
        kit.table(DATA_QUALITY_SUMMARY).ifPresent(dq -> {
            Map<String, Integer> counts = new TreeMap<>();
            for (int i = 0; i < dq.rowCount(); i++) {
                if (TableQueries.text(dq, "source", i).equals("legacy-json")) {
                    counts.merge(TableQueries.text(dq, "rule", i), (int) TableQueries.number(dq, "count", i),
                            Integer::sum);
                }
            }
            CAVEATS.forEach((rule, text) -> {
                if (counts.containsKey(rule)) {
                    items.add("`" + rule + "` × " + counts.get(rule) + ": " + text + ".");
                }
            });
        });
        b.add(new Block.Paragraph("**Caveats** (counts from `data_quality_summary`, source legacy-json):"));
        b.add(new Block.Bullets(items));
        return b;
    }

    /** Files, models, engines and scenarios per collection; first and last file date. */
    static Table perCollection(Table f) {
        Map<String, List<Integer>> rows = new TreeMap<>();
        for (int i = 0; i < f.rowCount(); i++) {
            rows.computeIfAbsent(TableQueries.text(f, "collection", i), k -> new ArrayList<>()).add(i);
        }
        Table out = Table.create("legacy-collections", StringColumn.create("collection"), IntColumn.create("files"),
                IntColumn.create("models"), IntColumn.create("engines"), IntColumn.create("scenarios"),
                IntColumn.create("unknown_model_files"), StringColumn.create("first"), StringColumn.create("last"));
        rows.forEach((collection, idx) -> {
            Set<String> models = new TreeSet<>();
            Set<String> engines = new TreeSet<>();
            Set<String> scenarios = new TreeSet<>();
            Set<String> days = new TreeSet<>();
            int unknown = 0;
            for (int i : idx) {
                String m = TableQueries.text(f, "model_name", i);
                if (m.isEmpty()) {
                    unknown++;
                } else {
                    models.add(m);
                }
                String v = TableQueries.text(f, "engine_variant", i);
                engines.add(v.isEmpty() ? TableQueries.text(f, "engine", i) : v);
                scenarios.add(TableQueries.text(f, "scenario", i));
                String ts = TableQueries.text(f, "timestamp", i);
                if (ts.length() >= 10) {
                    days.add(ts.substring(0, 10));
                }
            }
            out.stringColumn("collection").append(collection);
            out.intColumn("files").append(idx.size());
            out.intColumn("models").append(models.size());
            out.intColumn("engines").append(engines.size());
            out.intColumn("scenarios").append(scenarios.size());
            out.intColumn("unknown_model_files").append(unknown);
            out.stringColumn("first").append(days.isEmpty() ? "" : ((TreeSet<String>) days).first());
            out.stringColumn("last").append(days.isEmpty() ? "" : ((TreeSet<String>) days).last());
        });
        return out;
    }

    private List<Block> tpot(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(new Block.Heading(3, "Legacy TPOT", "historical-tpot")));
        Optional<Table> t = kit.table(LEGACY_TPOT);
        if (t.isEmpty() || t.get().rowCount() == 0) {
            b.add(new Block.Notice("no `legacy_tpot` rows."));
            return b;
        }
        b.add(new Block.Paragraph("Per-request TPOT = (total_ms − ttft_ms) / max(output_tokens − 1, 1) over ok requests "
                + "with output (chunk-based, see caveats), per collection × model × engine × scenario."));
        b.addAll(kit.table(t.get(), LEGACY_TPOT, "legacy-tpot", List.of("collection", "model_name", "engine",
                "scenario", "n", "mean", "p50", "p95", "p99", "mean_output_tokens")));
        return b;
    }

    private List<Block> goodput(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(new Block.Heading(3, "Legacy goodput", "historical-goodput")));
        Optional<Table> g = kit.table(LEGACY_GOODPUT);
        if (g.isEmpty() || g.get().rowCount() == 0) {
            b.add(new Block.Notice("no `legacy_goodput` rows."));
            return b;
        }
        Table all = TableQueries.whereEq(g.get(), "scenario", "ALL");
        Set<String> slos = new TreeSet<>();
        for (int i = 0; i < all.rowCount(); i++) {
            slos.add(TableQueries.text(all, "ttft_slo_ms", i) + ":" + TableQueries.text(all, "tpot_slo_ms", i));
        }
        b.add(new Block.Paragraph("Over every scenario of a collection × model × engine (`scenario = ALL`; per-scenario "
                + "rows are in the CSV of `legacy_goodput`). SLOs (ttft_ms:tpot_ms): " + String.join(", ", slos)
                + ". goodput_rps = qualifying requests / Σ wall_s; pass_pct = qualifying / counted."));
        b.addAll(kit.table(all, LEGACY_GOODPUT, "legacy-goodput", List.of("collection", "model_name", "engine",
                "ttft_slo_ms", "tpot_slo_ms", "qualifying", "counted", "goodput_rps", "pass_pct")));
        return b;
    }

    private List<Block> variance(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(new Block.Heading(3, "Legacy variance", "historical-variance")));
        Optional<Table> v = kit.table(LEGACY_VARIANCE);
        if (v.isEmpty() || v.get().rowCount() == 0) {
            b.add(new Block.Notice("no `legacy_variance` rows."));
            return b;
        }
        Table t = v.get();
        Table repeated = TableQueries.where(t, i -> TableQueries.number(t, "n", i) >= 2);
        Table flagged = TableQueries.where(t, i -> TableQueries.isTrue(t, "high_variance", i));
        b.add(new Block.Paragraph("CV over the files of a cell (per-file values > 0 only); cells above 5% flagged. "
                + "Cells with ≥ 2 files: " + repeated.rowCount() + " of " + t.rowCount() + "; flagged: "
                + flagged.rowCount() + ". Flagged cells, highest CV first:"));
        b.addAll(kit.table(byDescending(flagged, "cv_pct"), LEGACY_VARIANCE, "legacy-variance-flagged",
                List.of("collection", "model_name", "engine", "scenario", "metric", "n", "mean", "cv_pct"),
                20, false));
        return b;
    }

    private List<Block> decodeSweep(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(new Block.Heading(3, "Legacy decode-length sweep",
                "historical-decode-sweep")));
        Optional<Table> d = kit.table(LEGACY_DECODE_SWEEP);
        if (d.isEmpty() || d.get().rowCount() == 0) {
            b.add(new Block.Notice("no `legacy_decode_sweep` rows."));
            return b;
        }
        Table t = d.get();
        b.addAll(kit.table(t, LEGACY_DECODE_SWEEP, "legacy-decode-sweep", List.of("collection", "model_name",
                "engine", "max_tokens", "metric", "n", "mean", "ci95_halfwidth")));
        Table tps = TableQueries.whereEq(t, "metric", "tokens_per_sec");
        Table top = topModels(tps, "n", MAX_TRACES / 2, b);
        b.addAll(kit.chart(top, FigureSpec.line("legacy-decode-sweep-tps", "Legacy decode-length sweep: tokens/s "
                + "(chunks/s) per max_tokens", "max_tokens", "mean", List.of("model_name", "engine", "collection"))
                .labels("max_tokens", "tokens_per_sec (mean)")));
        return b;
    }

    /** Rows by descending {@code col} (missing last), ties by every column: a deterministic ranking. */
    static Table byDescending(Table t, String col) {
        Table sorted = TableQueries.sortedByAll(t);
        Integer[] idx = new Integer[sorted.rowCount()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, c) -> {
            double x = TableQueries.number(sorted, col, a);
            double y = TableQueries.number(sorted, col, c);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return Double.compare(y, x);
        });
        Table out = sorted.emptyCopy();
        for (Integer i : idx) {
            out.append(sorted.row(i));
        }
        return out;
    }
}
