package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code goodput}: requests meeting an SLO (ttft ≤ A, tpot ≤ B, optional e2e ≤ C, all inclusive) per second of run
 * duration, per run and summed over every run of a model × engine. Open-loop requests are timed from their scheduled
 * send ({@code ttft_sched_ms}, {@code e2e_sched_ms}): a request the client sent late still counts its wait.
 */
public final class Goodput {
    private Goodput() {}

    /** True for an ok request within the SLO; a request without TPOT (≤ 1 token) has no decode phase to violate. */
    public static Column qualifies(Slo slo) {
        Column q = col("ok").and(RequestMetrics.compared("ttft_ms", "ttft_sched_ms").leq(slo.ttftMs()))
                .and(col("tpot_ms").isNull().or(col("tpot_ms").leq(slo.tpotMs())));
        return slo.e2eMs() == null ? q : q.and(RequestMetrics.compared("e2e_ms", "e2e_sched_ms").leq(slo.e2eMs()));
    }

    public static Dataset<Row> compute(Dataset<Row> measured, Dataset<Row> runSummary, List<Slo> slos) {
        Dataset<Row> runs = runSummary.filter(col("scope").equalTo("run"))
                .select("run_uid", "model_name", "engine_group", "scenario", "duration_s", "latency_basis",
                        "selection_policy");
        Dataset<Row> out = null;
        for (Slo slo : slos) {
            Dataset<Row> perRun = measured.groupBy("run_uid").agg(
                            sum(when(qualifies(slo), 1).otherwise(0)).as("qualifying"), count(lit(1)).as("counted"))
                    .join(runs, "run_uid")
                    .withColumn("scope", lit("run"));
            Dataset<Row> all = perRun.groupBy("model_name", "engine_group").agg(
                            sum("qualifying").as("qualifying"), sum("counted").as("counted"),
                            Stats.sum(col("duration_s")).as("duration_s"), first("selection_policy").as("selection_policy"),
                            when(countDistinct("latency_basis").gt(1), lit("mixed"))
                                    .otherwise(first("latency_basis")).as("latency_basis"))
                    .withColumn("scenario", lit("ALL")).withColumn("scope", lit("aggregate"));
            Dataset<Row> both = perRun.unionByName(all, true)
                    .withColumn("slo", lit(slo.label()))
                    .withColumn("ttft_slo_ms", lit(slo.ttftMs()))
                    .withColumn("tpot_slo_ms", lit(slo.tpotMs()))
                    .withColumn("e2e_slo_ms", lit(slo.e2eMs()).cast("double"))
                    .withColumn("goodput_rps", col("qualifying").divide(col("duration_s")))
                    .withColumn("pass_pct", col("qualifying").multiply(100.0).divide(col("counted")));
            out = out == null ? both : out.unionByName(both);
        }
        return out.select("model_name", "engine_group", "scenario", "run_uid", "scope", "slo", "ttft_slo_ms",
                "tpot_slo_ms", "e2e_slo_ms", "latency_basis", "qualifying", "counted", "duration_s", "goodput_rps",
                "pass_pct", "selection_policy");
    }
}
