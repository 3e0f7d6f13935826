package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.quality.Rules;
import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.enginebench.pipeline.warehouse.WarehouseTable.DATA_QUALITY;

/**
 * "Runs the engine died under": aborted runs and runs that resumed after an outage, with the reason, from
 * {@code data_quality} (rules {@code run_aborted}, {@code engine_outage}). Such runs are left out of the comparisons
 * and the headline; this section says which and why.
 */
public final class EngineOutages implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(DATA_QUALITY);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        Optional<Table> dq = kit.table(DATA_QUALITY);
        Table down = dq.map(q -> TableQueries.whereIn(q, "rule", Rules.ENGINE_DOWN)).orElse(null);
        // no heading at all when no engine died: reports of healthy runs read exactly as before
        if (down == null || down.rowCount() == 0) return List.of();
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Runs the engine died under",
                "engine-outages")));
        b.add(new Block.Paragraph(down.rowCount() + " run(s) lost their engine during the measurement: aborted "
                + "(`run_aborted`, the engine did not come back) or resumed after an outage (`engine_outage`). They "
                + "are left out of `cell_summary`, `winners`, the headline, `concurrency_levels` and `cross_model`; "
                + "their completed requests stay in `requests` and `run_summary`."));
        b.addAll(kit.table(down, DATA_QUALITY, "engine-outages", List.of("rule", "run_uid", "source_path",
                "detail")));
        return b;
    }
}
