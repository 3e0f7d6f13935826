package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.FigureSpec;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.enginebench.pipeline.warehouse.WarehouseTable.ITL;
import static io.enginebench.pipeline.warehouse.WarehouseTable.ITL_HIST;
import static io.enginebench.pipeline.warehouse.WarehouseTable.TPOT;
import static io.enginebench.pipeline.warehouse.WarehouseTable.TPOT_HIST;

/**
 * "TPOT and ITL distributions": per-run statistics and histograms, from {@code tpot}, {@code itl} and their
 * {@code _hist} tables.
 */
public final class Distributions implements ReportSection {
    private static final int MAX_HIST_SERIES = 6;

    @Override
    public List<WarehouseTable> tables() {
        return List.of(TPOT, TPOT_HIST, ITL, ITL_HIST);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("TPOT and ITL distributions", "distributions")));
        for (List<WarehouseTable> kindTables : List.of(List.of(TPOT, TPOT_HIST), List.of(ITL, ITL_HIST))) {
            WarehouseTable statsTable = kindTables.get(0);
            WarehouseTable histTable = kindTables.get(1);
            String kind = statsTable.tableName();
            b.add(SectionKit.h3(kind.toUpperCase(java.util.Locale.ROOT), "distributions-" + kind));
            Optional<Table> stats = kit.table(statsTable);
            if (stats.isPresent() && stats.get().rowCount() > 0) {
                Table t = TableQueries.whereEq(stats.get(), "scope", "run");
                b.addAll(kit.table(t, statsTable, "distribution-" + kind, List.of("model_name", "engine_group",
                        "scenario", "iteration", "run_uid", "n", "mean", "p50", "p90", "p99", "max")));
            } else {
                b.add(stats.isEmpty() ? SectionKit.missingTable(statsTable)
                        : new Block.Notice("no " + kind + " values."));
            }
            Optional<Table> hist = kit.table(histTable);
            if (hist.isEmpty() || hist.get().rowCount() == 0) {
                b.add(hist.isEmpty() ? SectionKit.missingTable(histTable) : new Block.Notice("no histogram bins."));
                continue;
            }
            b.addAll(histogram(kit, hist.get(), histTable, kind));
        }
        return b;
    }

    /** Bins are pre-aggregated by the analysis (20 per run); at most {@value #MAX_HIST_SERIES} runs are drawn. */
    private List<Block> histogram(SectionKit kit, Table h, WarehouseTable histTable, String kind) {
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
        b.addAll(kit.table(shown, histTable, kind + "-hist", List.of("model_name", "engine_group",
                "scenario", "run_uid", "bin", "bin_lo_ms", "bin_hi_ms", "count", "share")));
        b.addAll(kit.chart(shown, new FigureSpec(kind + "-hist", FigureSpec.Kind.HISTOGRAM,
                kind.toUpperCase(java.util.Locale.ROOT) + " distribution per run (share of values per bin)",
                "bin_mid_ms", "share", List.of("model_name", "engine_group", "scenario", "run_uid"), null,
                kind + "_ms (bin centre)", "share of values")));
        return b;
    }
}
