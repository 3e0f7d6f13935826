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

import static io.enginebench.pipeline.warehouse.WarehouseTable.PREFIX_CACHE;

/** "Prefix sharing and cache hit rate", from {@code prefix_cache}. */
public final class PrefixSharing implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(PREFIX_CACHE);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Prefix sharing and cache hit rate", "prefix-sharing")));
        Optional<Table> pc = kit.rowsOf(PREFIX_CACHE, "prefix_sharing_benefit", b);
        if (pc.isEmpty()) return b;
        Table t = pc.get();
        b.add(new Block.Paragraph("`hit_rate` = Δprefix_cache_hits_total / Δprefix_cache_queries_total from the "
                + "engine's counters; `ttft_ratio` = TTFT p50 of the shared arm / unique arm (below 1: sharing helps)."));
        b.addAll(kit.flaggedTable(t, PREFIX_CACHE, "prefix-sharing", List.of("model_name", "engine_group", "iteration",
                "run_uid", "queries", "hits", "hit_rate", "cached_token_share_shared", "ttft_ms_p50_shared",
                "ttft_ms_p50_unique", "ttft_ratio")));
        b.addAll(kit.chart(t, FigureSpec.bar("prefix-hit-rate", "Prefix-cache hit rate", "engine_group", "hit_rate",
                List.of("model_name")).labels("engine", "hit rate (0-1)")));
        b.addAll(kit.chart(t, FigureSpec.bar("prefix-ttft-ratio", "TTFT shared / unique prefix", "engine_group",
                "ttft_ratio", List.of("model_name")).labels("engine", "ratio")));
        return b;
    }
}
