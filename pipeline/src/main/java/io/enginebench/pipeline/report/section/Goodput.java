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
import static io.enginebench.pipeline.warehouse.WarehouseTable.GOODPUT;

/** "Goodput": requests meeting each SLO, from {@code goodput}. */
public final class Goodput implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(GOODPUT);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Goodput", "goodput")));
        Optional<Table> gp = kit.table(GOODPUT);
        if (gp.isEmpty()) {
            b.add(SectionKit.missingTable(GOODPUT));
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
        b.addAll(kit.table(agg, GOODPUT, "goodput", List.of("model_name", "engine_group", "slo", "latency_basis",
                "qualifying", "counted", "duration_s", "goodput_rps", "pass_pct")));
        for (String slo : TableQueries.distinct(agg, "slo")) {
            String id = "goodput-" + slo.replace(':', '-');
            b.addAll(kit.chart(topModels(TableQueries.whereEq(agg, "slo", slo), "counted", 2 * MAX_CHART_MODELS, b),
                    FigureSpec.bar(id, "Goodput at SLO " + slo,
                    "engine_group", "goodput_rps", List.of("model_name")).labels("engine", "goodput (req/s)")));
        }
        return b;
    }
}
