package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** {@code concurrency_levels}: throughput and latency per level of multi-level runs, and the saturation point. */
public final class ConcurrencyLevels {
    public static final double MIN_GAIN_PCT = 10.0;
    public static final String RULE = "first level (from the 2nd) where output_tps grows < 10% over the previous"
            + " level while e2e_ms_p50 grows";
    private static final String[] CURVE = {"model_name", "engine_group", "scenario", "max_tokens"};

    private ConcurrencyLevels() {}

    public static Dataset<Row> compute(Dataset<Row> runSummary) {
        Dataset<Row> levels = runSummary.filter(col("scope").equalTo("level"));
        // a curve needs at least two levels
        Column levelCount = size(collect_set("level_index").over(
                Window.partitionBy(RunSummary.cols(java.util.List.of(CURVE)))));
        Dataset<Row> perLevel = levels.withColumn("level_count", levelCount).filter(col("level_count").gt(1))
                .groupBy(RunSummary.concat(RunSummary.cols(java.util.List.of(CURVE)), col("level_index")))
                .agg(first("concurrency", true).as("concurrency"), first("target_rate", true).as("target_rate"),
                        count(lit(1)).as("n_runs"), avg("output_tps").as("output_tps"),
                        avg("request_rps").as("request_rps"), avg("ttft_ms_p50").as("ttft_ms_p50"),
                        avg("ttft_ms_p95").as("ttft_ms_p95"), avg("tpot_ms_p50").as("tpot_ms_p50"),
                        avg("e2e_ms_p50").as("e2e_ms_p50"), avg("e2e_ms_p95").as("e2e_ms_p95"),
                        first("selection_policy").as("selection_policy"));
        WindowSpec curve = Window.partitionBy(RunSummary.cols(java.util.List.of(CURVE))).orderBy("level_index");
        Column gain = col("output_tps").divide(lag("output_tps", 1).over(curve)).minus(1).multiply(100);
        Column growth = col("e2e_ms_p50").divide(lag("e2e_ms_p50", 1).over(curve)).minus(1).multiply(100);
        Column candidate = col("tps_gain_pct").lt(MIN_GAIN_PCT).and(col("e2e_growth_pct").gt(0));
        return perLevel.withColumn("tps_gain_pct", gain)
                .withColumn("e2e_growth_pct", growth)
                .withColumn("first_saturated", min(when(candidate, col("level_index")))
                        .over(Window.partitionBy(RunSummary.cols(java.util.List.of(CURVE)))))
                .withColumn("is_saturation", col("level_index").eqNullSafe(col("first_saturated")))
                .drop("first_saturated")
                .withColumn("saturation_rule", lit(RULE));
    }
}
