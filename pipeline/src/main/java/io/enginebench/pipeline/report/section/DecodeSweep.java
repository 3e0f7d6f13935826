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
import java.util.Set;

import static io.enginebench.pipeline.report.section.SectionCharts.ENGINE_SERIES;
import static io.enginebench.pipeline.report.section.SectionCharts.MAX_CHART_MODELS;
import static io.enginebench.pipeline.report.section.SectionCharts.topModels;
import static io.enginebench.pipeline.warehouse.WarehouseTable.DECODE_SWEEP;

/** "Decode-length sweep": leaders and crossovers per max_tokens, from {@code decode_sweep}. */
public final class DecodeSweep implements ReportSection {
    static final String LEADER_RULE_DEFAULT = "leader: the engine whose 95% CI is better than and does not overlap "
            + "every other engine's; else tie";

    @Override
    public List<WarehouseTable> tables() {
        return List.of(DECODE_SWEEP);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Decode-length sweep", "decode-sweep")));
        Optional<Table> ds = kit.rowsOf(DECODE_SWEEP, "decode_length_sweep_*", b);
        if (ds.isEmpty()) return b;
        Table t = ds.get();
        // one row per model × metric × max_tokens where the leader changed (the table repeats it per engine)
        Table crossoverRows = TableQueries.where(t, i -> TableQueries.isTrue(t, "crossover", i));
        Table crossovers = crossoverRows.selectColumns(TableQueries.existing(crossoverRows,
                List.of("model_name", "metric", "max_tokens", "leader")).toArray(new String[0])).dropDuplicateRows();
        Set<String> leaderRules = TableQueries.distinct(t, "leader_rule");
        b.add(new Block.Paragraph("**Leader rule:** " + (leaderRules.isEmpty() ? LEADER_RULE_DEFAULT
                : String.join("; ", leaderRules)) + ". A crossover is a change between engines that lead by this rule "
                + "(a tie or too few iterations decides nothing). Crossovers found: " + crossovers.rowCount() + "."));
        if (crossovers.rowCount() > 0) {
            b.addAll(kit.table(crossovers, DECODE_SWEEP, "decode-sweep-crossovers", List.of("model_name",
                    "metric", "max_tokens", "leader")));
        }
        b.addAll(kit.flaggedTable(t, DECODE_SWEEP, "decode-sweep", List.of("model_name", "metric", "max_tokens",
                "engine_group", "n", "mean", "sd", "ci95_halfwidth", "leader", "crossover")));
        Table drawn = topModels(t, "n", MAX_CHART_MODELS, b);
        for (String metric : List.of("output_tps", "tpot_ms_p50")) {
            b.addAll(kit.chart(TableQueries.whereEq(drawn, "metric", metric), FigureSpec.line("decode-sweep-" + metric,
                    "Decode-length sweep: " + metric, "max_tokens", "mean", ENGINE_SERIES)
                    .labels("max_tokens", metric + " (mean)")));
        }
        return b;
    }
}
