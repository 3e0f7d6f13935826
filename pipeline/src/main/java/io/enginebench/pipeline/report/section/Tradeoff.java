package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.FigureSpec;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.enginebench.pipeline.warehouse.WarehouseTable.CROSS_MODEL;

/** "Throughput vs latency trade-off": one bubble per model, engine and scenario, from {@code cross_model}. */
public final class Tradeoff implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(CROSS_MODEL);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Throughput vs latency trade-off", "tradeoff")));
        Optional<Table> cm = kit.table(CROSS_MODEL);
        if (cm.isEmpty()) {
            b.add(SectionKit.missingTable(CROSS_MODEL));
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
        b.addAll(kit.table(t, CROSS_MODEL, "tradeoff", List.of("model_name", "model_params_b", "engine_group",
                "scenario", "n_runs", "output_tps", "ttft_ms_p50", "tpot_ms_p50")));
        b.addAll(kit.chart(t, new FigureSpec("tradeoff-bubble", FigureSpec.Kind.BUBBLE,
                "Throughput vs TPOT (bubble = model size)", "tpot_ms_p50", "output_tps", List.of("engine_group"),
                "model_params_b", "tpot_ms p50 (ms)", "output tokens/s")));
        return b;
    }
}
