package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code cell_summary} and {@code variance}: across iterations of a cell, one value per run, long format. */
public final class CellSummary {
    /** Metrics compared across runs; the first two are higher-is-better. */
    public static final List<String> METRICS = List.of("output_tps", "request_rps", "error_rate", "ttft_ms_p50",
            "ttft_ms_p95", "ttft_ms_p99", "tpot_ms_p50", "tpot_ms_p95", "e2e_ms_p50", "e2e_ms_p95", "itl_ms_p50",
            "itl_ms_p99");
    public static final List<String> CELL_KEYS = List.of("model_name", "model_params_b", "engine_group", "scenario",
            "max_tokens", "scope", "level_index", "concurrency", "arm", "selection_policy");

    private CellSummary() {}

    public static boolean higherIsBetter(String metric) {
        return metric.equals("output_tps") || metric.equals("request_rps");
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
        return statsBy(longFormat(runSummary, CELL_KEYS, METRICS), CELL_KEYS);
    }

    public static Dataset<Row> variance(Dataset<Row> cellSummary) {
        return cellSummary.filter(col("scope").equalTo("run"))
                .select("model_name", "engine_group", "scenario", "max_tokens", "metric", "n", "mean", "sd",
                        "cv_pct", "ci95_halfwidth", "high_variance", "selection_policy");
    }
}
