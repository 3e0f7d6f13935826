package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.FigureSpec;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.enginebench.pipeline.report.section.SectionCharts.ENGINE_SERIES;
import static io.enginebench.pipeline.report.section.SectionCharts.MAX_CHART_MODELS;
import static io.enginebench.pipeline.report.section.SectionCharts.topModels;
import static io.enginebench.pipeline.warehouse.WarehouseTable.CELL_SUMMARY;

/**
 * A section of one scenario's whole-run cell statistics (mean ± CI over iterations, from {@code cell_summary}) with a
 * bar chart of some metrics: "Single-request latency", "Long context".
 */
public record ScenarioCells(String anchor, String title, String scenario, List<String> chartMetrics, String yLabel)
        implements ReportSection {

    @Override
    public List<WarehouseTable> tables() {
        return List.of(CELL_SUMMARY);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2(title, anchor)));
        Optional<Table> cs = kit.table(CELL_SUMMARY);
        if (cs.isEmpty()) {
            b.add(SectionKit.missingTable(CELL_SUMMARY));
            return b;
        }
        Table t = TableQueries.whereEq(TableQueries.whereEq(cs.get(), "scenario", scenario), "scope", "run");
        if (t.rowCount() == 0) {
            b.add(SectionKit.noRuns(scenario));
            return b;
        }
        b.addAll(kit.flaggedTable(t, CELL_SUMMARY, anchor, List.of("model_name", "engine_group", "max_tokens",
                "metric", "n", "mean", "sd", "ci95_halfwidth", "cv_pct", "high_variance")));
        Table drawn = topModels(TableQueries.whereIn(t, "metric", chartMetrics), "n",
                MAX_CHART_MODELS, b);
        b.addAll(kit.chart(drawn, FigureSpec.bar(anchor, title + ": " + String.join(", ", chartMetrics), "metric",
                "mean", ENGINE_SERIES).labels("metric", yLabel)));
        return b;
    }
}
