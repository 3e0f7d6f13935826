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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.enginebench.pipeline.warehouse.WarehouseTable.ENGINE_METRICS;
import static io.enginebench.pipeline.warehouse.WarehouseTable.RUNS;

/** "Engine KV cache and queue timelines": samples of the base table {@code engine_metrics} per run. */
public final class EngineTimelines implements ReportSection {
    private static final int MAX_TIMELINE_RUNS = 8;

    @Override
    public List<WarehouseTable> tables() {
        return List.of(ENGINE_METRICS, RUNS);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Engine KV cache and queue timelines", "timelines")));
        Optional<Table> em = kit.table(ENGINE_METRICS);
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
        Table shown = withRunLabels(kit, TableQueries.whereIn(t, "run_uid", runs));
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
    private Table withRunLabels(SectionKit kit, Table samples) {
        Map<String, String> labels = new TreeMap<>();
        kit.table(RUNS).ifPresent(r -> {
            for (int i = 0; i < r.rowCount(); i++) {
                String variant = TableQueries.text(r, "engine_variant", i);
                String engine = variant.isEmpty() ? TableQueries.text(r, "engine", i) : variant;
                labels.put(TableQueries.text(r, "run_uid", i), engine + " / " + TableQueries.text(r, "model_name", i)
                        + " / "
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
}
