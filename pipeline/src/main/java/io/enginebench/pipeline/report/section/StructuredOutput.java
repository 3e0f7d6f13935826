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

import static io.enginebench.pipeline.warehouse.WarehouseTable.STRUCTURED;

/** "Structured output": validity and overhead of the constrained arm, from {@code structured}. */
public final class StructuredOutput implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(STRUCTURED);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Structured output", "structured")));
        Optional<Table> st = kit.rowsOf(STRUCTURED, "structured_generation_speed", b);
        if (st.isEmpty()) return b;
        Table t = st.get();
        b.add(new Block.Paragraph("`structured_valid_rate`: share of JSON-schema requests whose output parses and "
                + "validates; overheads compare the constrained arm with the unconstrained arm of the same run."));
        b.addAll(kit.flaggedTable(t, STRUCTURED, "structured", List.of("model_name", "engine_group", "iteration",
                "run_uid", "structured_valid_rate", "tpot_ms_p50_constrained", "tpot_ms_p50_unconstrained",
                "tpot_overhead_pct", "output_tps_constrained", "output_tps_unconstrained", "tps_overhead_pct")));
        b.addAll(kit.chart(t, FigureSpec.bar("structured-overhead", "Structured output: TPOT overhead",
                "engine_group", "tpot_overhead_pct", List.of("model_name")).labels("engine", "TPOT overhead (%)")));
        b.addAll(kit.chart(t, FigureSpec.bar("structured-validity", "Structured output: valid rate",
                "engine_group", "structured_valid_rate", List.of("model_name")).labels("engine", "valid rate (0-1)")));
        return b;
    }
}
