package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

/**
 * {@code concurrency_levels}: throughput and latency per level of multi-level runs, the peak level, the whole-run
 * figure (named as such) and the saturation point. A curve is one model × engine × configuration.
 */
public final class ConcurrencyLevels {
    public static final double MIN_GAIN_PCT = 10.0;
    public static final String RULE = "first level (from the 2nd) where the mean output_tps over runs grows < 10% over"
            + " the previous level while the mean e2e p50 (scheduled-based for open loop) grows; a description of"
            + " one curve, not an engine comparison";
    public static final String PEAK_RULE = "peak: the level with the highest mean output_tps over runs;"
            + " peak_separated: its 95% CI lies above every other level's";
    private static final List<String> CURVE = List.of("model_name", "engine_group", "scenario", "config_hash",
            "max_tokens");

    private ConcurrencyLevels() {}

    public static Dataset<Row> compute(Dataset<Row> runSummary) {
        Dataset<Row> comparable = runSummary.filter(RunIdentity.modelKnown().and(col("adaptive_levels").isNull()
                .or(col("adaptive_levels").equalTo(false))));
        Dataset<Row> levels = comparable.filter(col("scope").equalTo("level"));
        Column[] curveCols = RunSummary.cols(CURVE);
        // a curve needs at least two levels
        Column levelCount = size(collect_set("level_index").over(Window.partitionBy(curveCols)));
        Dataset<Row> perLevel = levels.withColumn("level_count", levelCount).filter(col("level_count").gt(1))
                .groupBy(RunSummary.concat(curveCols, col("level_index")))
                .agg(first("concurrency", true).as("concurrency"), first("target_rate", true).as("target_rate"),
                        first("latency_basis", true).as("latency_basis"),
                        count(lit(1)).as("n_runs"), Stats.mean(col("output_tps")).as("output_tps"),
                        Stats.sd(col("output_tps")).as("output_tps_sd"),
                        Stats.mean(col("request_rps")).as("request_rps"), Stats.mean(col("ttft_ms_p50")).as("ttft_ms_p50"),
                        Stats.mean(col("ttft_ms_p95")).as("ttft_ms_p95"), Stats.mean(col("ttft_sched_ms_p50")).as("ttft_sched_ms_p50"),
                        Stats.mean(col("ttft_sched_ms_p95")).as("ttft_sched_ms_p95"), Stats.mean(col("tpot_ms_p50")).as("tpot_ms_p50"),
                        Stats.mean(col("e2e_ms_p50")).as("e2e_ms_p50"), Stats.mean(col("e2e_ms_p95")).as("e2e_ms_p95"),
                        Stats.mean(col("e2e_sched_ms_p50")).as("e2e_sched_ms_p50"), Stats.mean(col("e2e_sched_ms_p95")).as("e2e_sched_ms_p95"),
                        first("selection_policy").as("selection_policy"))
                .withColumn("output_tps_ci95", Stats.T975.apply(col("n_runs")).multiply(col("output_tps_sd"))
                        .divide(sqrt(col("n_runs"))))
                .drop("output_tps_sd");
        Dataset<Row> wholeRun = comparable.filter(col("scope").equalTo("run"))
                .groupBy(curveCols).agg(Stats.mean(col("output_tps_whole_run")).as("output_tps_whole_run"));
        WindowSpec curve = Window.partitionBy(curveCols).orderBy("level_index");
        Column e2e = when(col("latency_basis").equalTo(RequestMetrics.SCHEDULED), col("e2e_sched_ms_p50"))
                .otherwise(col("e2e_ms_p50"));
        Column gain = col("output_tps").divide(lag("output_tps", 1).over(curve)).minus(1).multiply(100);
        Column growth = e2e.divide(lag(e2e, 1).over(curve)).minus(1).multiply(100);
        Column candidate = col("tps_gain_pct").lt(MIN_GAIN_PCT).and(col("e2e_growth_pct").gt(0));
        return withPeak(RunSummary.joinNullSafe(perLevel, wholeRun, CURVE, "left"))
                .withColumn("tps_gain_pct", gain)
                .withColumn("e2e_growth_pct", growth)
                .withColumn("first_saturated", min(when(candidate, col("level_index")))
                        .over(Window.partitionBy(curveCols)))
                .withColumn("is_saturation", col("level_index").eqNullSafe(col("first_saturated")))
                .drop("first_saturated")
                .withColumn("saturation_rule", lit(RULE));
    }

    /** is_peak, the peak's level (index, concurrency, target rate) and output_tps on every row of its curve. */
    private static Dataset<Row> withPeak(Dataset<Row> perLevel) {
        Column[] curveCols = RunSummary.cols(CURVE);
        WindowSpec whole = Window.partitionBy(curveCols);
        Column rank = row_number().over(Window.partitionBy(curveCols)
                .orderBy(col("output_tps").desc_nulls_last(), col("level_index")));
        Column upper = col("output_tps").plus(col("output_tps_ci95"));
        Column lower = col("output_tps").minus(col("output_tps_ci95"));
        return perLevel.withColumn("is_peak", rank.equalTo(1).and(col("output_tps").isNotNull()))
                .withColumn("peak_level_index", max(when(col("is_peak"), col("level_index"))).over(whole))
                .withColumn("peak_concurrency", max(when(col("is_peak"), col("concurrency"))).over(whole))
                .withColumn("peak_target_rate", max(when(col("is_peak"), col("target_rate"))).over(whole))
                .withColumn("peak_output_tps", max(when(col("is_peak"), col("output_tps"))).over(whole))
                .withColumn("peak_lower", max(when(col("is_peak"), lower)).over(whole))
                .withColumn("others_upper", max(when(col("is_peak").equalTo(false), upper)).over(whole))
                .withColumn("peak_separated", col("peak_lower").gt(col("others_upper")))
                .drop("peak_lower", "others_upper")
                .withColumn("peak_rule", lit(PEAK_RULE));
    }
}
