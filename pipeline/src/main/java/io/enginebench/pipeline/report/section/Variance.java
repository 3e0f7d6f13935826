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

import static io.enginebench.pipeline.report.section.SectionCharts.topModels;
import static io.enginebench.pipeline.warehouse.WarehouseTable.VARIANCE;

/** "Variance across iterations": cells by coefficient of variation, from {@code variance}. */
public final class Variance implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(VARIANCE);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Variance across iterations", "variance")));
        Optional<Table> v = kit.table(VARIANCE);
        if (v.isEmpty()) {
            b.add(SectionKit.missingTable(VARIANCE));
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
            b.addAll(kit.table(Historical.byDescending(flagged, "cv_pct"), VARIANCE, "variance-flagged",
                    List.of("model_name", "engine_group", "scenario", "max_tokens", "metric", "n", "mean", "cv_pct"),
                    SectionKit.MAX_ROWS, false));
        }
        b.addAll(kit.table(t, VARIANCE, "variance", List.of("model_name"), 0, false));
        Table keyMetrics = TableQueries.whereIn(t, "metric", List.of("output_tps", "ttft_ms_p50", "tpot_ms_p50"));
        b.addAll(kit.chart(topModels(keyMetrics, "n", 2, b), FigureSpec.bar("variance-cv",
                "Coefficient of variation (5% flag line)", "scenario", "cv_pct", List.of("model_name", "engine_group", "metric")).labels("scenario", "CV (%)")));
        return b;
    }
}
