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

import static io.enginebench.pipeline.report.section.SectionCharts.MAX_CHART_MODELS;
import static io.enginebench.pipeline.report.section.SectionCharts.topModels;
import static io.enginebench.pipeline.report.section.SectionCharts.withLittlesLaw;
import static io.enginebench.pipeline.warehouse.WarehouseTable.CONCURRENCY_LEVELS;

/** "Concurrency-64 ramp": the heaviest closed-loop level of every ramp, from {@code concurrency_levels}. */
public final class Concurrency64 implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(CONCURRENCY_LEVELS);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Concurrency-64 ramp", "concurrency-64")));
        Optional<Table> cl = kit.table(CONCURRENCY_LEVELS);
        if (cl.isEmpty()) {
            b.add(SectionKit.missingTable(CONCURRENCY_LEVELS));
            return b;
        }
        Table t = TableQueries.whereEq(cl.get(), "concurrency", "64");
        if (t.rowCount() == 0) {
            b.add(SectionKit.noRuns("ramp level with concurrency 64"));
            return b;
        }
        b.add(new Block.Paragraph("The concurrency-64 level of every ramp: the heaviest closed-loop load."));
        b.addAll(kit.flaggedTable(t, CONCURRENCY_LEVELS, "concurrency-64", List.of("model_name", "engine_group",
                "scenario", "n_runs", "output_tps", "request_rps", "ttft_ms_p95", "e2e_ms_p95", "is_saturation")));
        Table c64 = withLittlesLaw(topModels(t, "n_runs", MAX_CHART_MODELS, b));
        boolean measured = TableQueries.where(c64, i -> !Double.isNaN(TableQueries.number(c64, "output_tps", i)))
                .rowCount() > 0;
        b.addAll(kit.chart(c64, measured ? FigureSpec.bar("concurrency-64-tps", "Output tokens/s at concurrency 64",
                "engine_group", "output_tps", List.of("model_name", "scenario")).labels("engine", "output tokens/s")
                : FigureSpec.bar("concurrency-64-rps-estimate", "Requests/s at concurrency 64 (Little's law estimate: "
                + "64 / e2e_ms_p50 × 1000)", "engine_group", "request_rps_estimate", List.of("model_name", "scenario"))
                .labels("engine", "requests/s (estimated)")));
        return b;
    }
}
