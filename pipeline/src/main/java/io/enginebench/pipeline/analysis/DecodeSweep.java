package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** {@code decode_sweep}: metrics per output length with CIs, the leading engine per length, and crossovers. */
public final class DecodeSweep {
    public static final List<String> METRICS = List.of("output_tps", "ttft_ms_p50", "tpot_ms_p50", "e2e_ms_p50");
    private static final List<String> KEYS = List.of("model_name", "engine_group", "max_tokens", "selection_policy");

    private DecodeSweep() {}

    public static Dataset<Row> compute(Dataset<Row> runSummary) {
        Dataset<Row> runs = runSummary.filter(col("scope").equalTo("run")
                .and(col("scenario").startsWith("decode_length_sweep")));
        Dataset<Row> stats = CellSummary.statsBy(CellSummary.longFormat(runs, KEYS, METRICS), KEYS)
                .select("model_name", "engine_group", "max_tokens", "metric", "n", "mean", "sd", "ci95_halfwidth",
                        "selection_policy");
        return withLeaders(stats);
    }

    /** Adds leader (best mean per model × max_tokens × metric) and crossover (leader changed since the previous length). */
    public static Dataset<Row> withLeaders(Dataset<Row> stats) {
        Column better = when(col("metric").isin("output_tps", "request_rps"), col("mean").multiply(-1))
                .otherwise(col("mean"));
        Dataset<Row> leaders = stats.withColumn("rank", row_number().over(
                        Window.partitionBy("model_name", "max_tokens", "metric").orderBy(better, col("engine_group"))))
                .filter(col("rank").equalTo(1))
                .select(col("model_name"), col("max_tokens"), col("metric"), col("engine_group").as("leader"));
        Column previous = lag("leader", 1).over(Window.partitionBy("model_name", "metric").orderBy("max_tokens"));
        Dataset<Row> crossovers = leaders.withColumn("crossover",
                when(previous.isNull(), false).otherwise(col("leader").notEqual(previous)));
        return stats.join(crossovers, new String[] {"model_name", "max_tokens", "metric"}, "left");
    }
}
