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

import static io.enginebench.pipeline.warehouse.WarehouseTable.SPEC_DECODING;

/** "Speculative decoding": variants against their base engine, from {@code spec_decoding}. */
public final class SpeculativeDecoding implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(SPEC_DECODING);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Speculative decoding", "speculative")));
        Optional<Table> sd = kit.rowsOf(SPEC_DECODING, "speculative-decoding variants", b);
        if (sd.isEmpty()) return b;
        Table t = sd.get();
        b.add(new Block.Paragraph("`acceptance_rate` = Σ Δaccepted / Σ Δdraft tokens from the engine's counters; "
                + "ratios compare each variant with its base engine on the same model and scenario."));
        b.addAll(kit.table(t, SPEC_DECODING, "speculative", List.of("model_name", "scenario", "engine",
                "engine_variant", "spec_method", "n_variant_runs", "n_base_runs", "tps_ratio", "tpot_ratio",
                "acceptance_rate", "mean_accepted_length", "tokens_per_chunk")));
        b.addAll(kit.chart(t, FigureSpec.bar("spec-acceptance", "Speculative decoding: acceptance rate",
                "engine_variant", "acceptance_rate", List.of("model_name", "scenario"))
                .labels("variant", "acceptance rate (0-1)")));
        b.addAll(kit.chart(t, FigureSpec.bar("spec-tps-ratio", "Speculative decoding: throughput vs base",
                "engine_variant", "tps_ratio", List.of("model_name", "scenario")).labels("variant", "variant / base")));
        return b;
    }
}
