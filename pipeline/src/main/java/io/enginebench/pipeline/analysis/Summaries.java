package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

/** Small roll-ups: {@code cross_model} and {@code data_quality_summary}. */
public final class Summaries {
    private Summaries() {}

    /**
     * Per model × engine × scenario × configuration: means over runs of one load each. Whole runs of several levels
     * (a mix of loads) and runs of an unknown model are left out; open-loop runs give their TTFT from the scheduled
     * send, as every comparison does.
     */
    public static Dataset<Row> crossModel(Dataset<Row> runSummary) {
        Column ttft = RequestMetrics.compared("ttft_ms_p50", "ttft_sched_ms_p50");
        return runSummary.filter(col("scope").equalTo("run").and(col("levels").leq(1)).and(RunIdentity.modelKnown()))
                .groupBy("model_name", "engine_group", "scenario", "config_hash", "latency_basis")
                .agg(first("model_params_b", true).as("model_params_b"), count(lit(1)).as("n_runs"),
                        Stats.mean(col("output_tps")).as("output_tps"), Stats.mean(ttft).as("ttft_ms_p50"),
                        Stats.mean(col("tpot_ms_p50")).as("tpot_ms_p50"), first("selection_policy").as("selection_policy"))
                .select("model_name", "model_params_b", "engine_group", "scenario", "config_hash", "latency_basis",
                        "n_runs", "output_tps", "ttft_ms_p50", "tpot_ms_p50", "selection_policy")
                .orderBy(col("model_params_b").asc_nulls_last(), col("model_name"), col("engine_group"),
                        col("scenario"), col("config_hash"));
    }

    public static Dataset<Row> dataQuality(Dataset<Row> dataQuality, Dataset<Row> runs) {
        return dataQuality.join(runs.select("run_uid", "source"), new String[] {"run_uid"}, "left")
                .withColumn("source", coalesce(col("source"), lit("unparsed")))
                .groupBy("rule", "severity", "source").agg(count(lit(1)).as("count"))
                .orderBy("rule", "severity", "source");
    }
}
