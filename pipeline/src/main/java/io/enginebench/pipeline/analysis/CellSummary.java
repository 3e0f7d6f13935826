package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.not;

/**
 * {@code cell_summary} and {@code variance}: across iterations of a cell, one value per run, long format. A cell holds
 * runs of one model and configuration at one load, so its iterations are repeats of the same thing: runs of an
 * unknown model, SLO searches (levels chosen per run; see {@link SloSearchAnswers}) and whole-run figures of
 * multi-level runs under the per-load metric names are left out.
 */
public final class CellSummary {
    /** Metrics compared across closed-loop runs (latency from the actual send). */
    public static final List<String> METRICS = List.of("output_tps", "request_rps", "error_rate", "ttft_ms_p50",
            "ttft_ms_p95", "ttft_ms_p99", "tpot_ms_p50", "tpot_ms_p95", "e2e_ms_p50", "e2e_ms_p95", "itl_ms_p50",
            "itl_ms_p99");
    /** Open-loop runs compare latency from the scheduled send; the sent-based figures stay in run_summary. */
    public static final List<String> OPEN_LOOP_METRICS = METRICS.stream()
            .map(m -> m.replace("ttft_ms_", "ttft_sched_ms_").replace("e2e_ms_", "e2e_sched_ms_")).toList();
    /** Whole-run figures of multi-level runs (a mix of loads), named as such. */
    public static final List<String> WHOLE_RUN_METRICS = List.of("output_tps_whole_run", "request_rps_whole_run");
    private static final List<String> HIGHER_IS_BETTER = List.of("output_tps", "request_rps", "output_tps_whole_run",
            "request_rps_whole_run", SloSearchAnswers.METRIC);
    public static final List<String> CELL_KEYS = List.of("model_name", "model_params_b", "engine_group", "scenario",
            "config_hash", "max_tokens", "scope", "level_index", "concurrency", "target_rate", "arm", "latency_basis",
            "selection_policy");

    private CellSummary() {}

    public static boolean higherIsBetter(String metric) {
        return HIGHER_IS_BETTER.contains(metric);
    }

    /** The condition of {@link #higherIsBetter} on a {@code metric} column. */
    public static Column higherIsBetter(Column metric) {
        return metric.isin(HIGHER_IS_BETTER.toArray());
    }

    /** run_summary rows as (keys…, metric, value), nulls dropped. */
    public static Dataset<Row> longFormat(Dataset<Row> runSummary, List<String> keys, List<String> metrics) {
        String stack = metrics.stream().map(m -> "'" + m + "', cast(" + m + " as double)")
                .collect(Collectors.joining(", ", "stack(" + metrics.size() + ", ", ") as (metric, value)"));
        Column[] select = RunSummary.concat(RunSummary.cols(keys), expr(stack));
        return runSummary.select(select).filter(col("value").isNotNull());
    }

    /** Mean, sd, CV and CI of {@code value} per keys × metric. */
    public static Dataset<Row> statsBy(Dataset<Row> longRows, List<String> keys) {
        Column[] group = RunSummary.concat(RunSummary.cols(keys), col("metric"));
        Column[] m = Stats.moments(col("value"));
        return Stats.withIntervals(longRows.groupBy(group).agg(m[0], java.util.Arrays.copyOfRange(m, 1, m.length)));
    }

    public static Dataset<Row> cellSummary(Dataset<Row> runSummary) {
        return statsBy(comparableValues(runSummary), CELL_KEYS);
    }

    /** One value per run, cell and metric: what {@code cell_summary} aggregates. */
    static Dataset<Row> comparableValues(Dataset<Row> runSummary) {
        return comparableValues(runSummary, CELL_KEYS);
    }

    /** As {@link #comparableValues(Dataset)}, carrying {@code keys} (run_summary columns) instead of CELL_KEYS. */
    public static Dataset<Row> comparableValues(Dataset<Row> runSummary, List<String> keys) {
        Dataset<Row> runs = runSummary.filter(RunIdentity.modelKnown().and(not(col("adaptive_levels"))));
        Column oneLoad = col("scope").notEqual("run").or(col("levels").leq(1));
        Column open = col("latency_basis").equalTo(RequestMetrics.SCHEDULED);
        return longFormat(runs.filter(oneLoad.and(not(open))), keys, METRICS)
                .unionByName(longFormat(runs.filter(oneLoad.and(open)), keys, OPEN_LOOP_METRICS))
                .unionByName(longFormat(runs.filter(not(oneLoad)), keys, WHOLE_RUN_METRICS));
    }

    public static Dataset<Row> variance(Dataset<Row> cellSummary) {
        return cellSummary.filter(col("scope").equalTo("run"))
                .select("model_name", "engine_group", "scenario", "config_hash", "max_tokens", "metric", "n", "mean",
                        "sd",
                        "cv_pct", "ci95_halfwidth", "high_variance", "selection_policy");
    }
}
