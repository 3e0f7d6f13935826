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
import static io.enginebench.pipeline.report.section.SectionCharts.withLittlesLaw;
import static io.enginebench.pipeline.warehouse.WarehouseTable.CONCURRENCY_LEVELS;

/**
 * "Throughput vs concurrency": per ramp scenario, the levels of {@code concurrency_levels}, each curve's peak and
 * charts of throughput and TTFT per level.
 */
public final class ThroughputRamps implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(CONCURRENCY_LEVELS);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Throughput vs concurrency", "throughput")));
        Optional<Table> cl = kit.table(CONCURRENCY_LEVELS);
        if (cl.isEmpty()) {
            b.add(SectionKit.missingTable(CONCURRENCY_LEVELS));
            return b;
        }
        Set<String> rules = TableQueries.distinct(cl.get(), "saturation_rule");
        if (!rules.isEmpty()) {
            b.add(new Block.Paragraph("**Saturation rule:** " + String.join("; ", rules)));
        }
        for (String scenario : List.of("throughput_ramp", "throughput_ramp_extended")) {
            String id = scenario.replace('_', '-');
            b.add(SectionKit.h3("Scenario `" + scenario + "`", id));
            Table t = TableQueries.whereEq(cl.get(), "scenario", scenario);
            if (t.rowCount() == 0) {
                b.add(SectionKit.noRuns(scenario));
                continue;
            }
            b.addAll(kit.flaggedTable(t, CONCURRENCY_LEVELS, id, List.of("model_name", "engine_group", "level_index",
                    "concurrency", "n_runs", "output_tps", "output_tps_ci95", "request_rps", "ttft_ms_p50",
                    "ttft_ms_p95", "tpot_ms_p50", "e2e_ms_p50", "e2e_ms_p95", "tps_gain_pct", "is_saturation",
                    "is_peak")));
            b.addAll(peaks(kit, t, id));
            Table drawn = topModels(t, "n_runs", MAX_CHART_MODELS, b);
            Table measured = TableQueries.where(drawn, i -> !Double.isNaN(TableQueries.number(drawn, "output_tps", i)));
            if (measured.rowCount() > 0) {
                b.addAll(kit.chart(measured, FigureSpec.line(id + "-tps", scenario + ": output tokens/s per "
                        + "concurrency level", "concurrency", "output_tps", ENGINE_SERIES)
                        .labels("concurrency", "output tokens/s")));
            }
            if (measured.rowCount() < drawn.rowCount()) {
                b.add(new Block.Paragraph("Per-level output_tps is null for " + (drawn.rowCount()
                        - measured.rowCount()) + " level row(s) of legacy runs (their levels have no common clock). "
                        + "The next chart estimates request throughput per level by Little's law for a closed loop: "
                        + "`request_rps ≈ concurrency / e2e_ms_p50 × 1000` (computed in the report from "
                        + "`concurrency_levels`)."));
                b.addAll(kit.chart(withLittlesLaw(drawn), FigureSpec.line(id + "-rps-estimate", scenario
                        + ": requests/s per concurrency level (Little's law estimate)", "concurrency",
                        "request_rps_estimate", ENGINE_SERIES).labels("concurrency", "requests/s (estimated)")));
            }
            b.addAll(kit.chart(drawn, FigureSpec.line(id + "-ttft", scenario + ": TTFT p95 per concurrency level",
                    "concurrency", "ttft_ms_p95", ENGINE_SERIES).labels("concurrency", "ttft_ms p95 (ms)")));
        }
        return b;
    }

    /** Per curve: its peak level (named), whether the peak stands clear of the other levels, and the whole-run mix. */
    private List<Block> peaks(SectionKit kit, Table t, String id) {
        Table peaks = TableQueries.where(t, i -> TableQueries.isTrue(t, "is_peak", i));
        if (peaks.rowCount() == 0) {
            return List.of();
        }
        List<Block> b = new ArrayList<>();
        Set<String> rules = TableQueries.distinct(t, "peak_rule");
        b.add(new Block.Paragraph("Peak per curve (" + (rules.isEmpty() ? "the level with the highest mean "
                + "output_tps" : String.join("; ", rules)) + "). `output_tps_whole_run` is the whole run's tokens "
                + "over its duration, a mix of every level's load: it is not the throughput at any one level."));
        b.addAll(kit.table(peaks, CONCURRENCY_LEVELS, id + "-peak", List.of("model_name", "engine_group",
                "peak_concurrency", "peak_target_rate", "peak_output_tps", "output_tps_ci95", "peak_separated",
                "output_tps_whole_run")));
        return b;
    }
}
