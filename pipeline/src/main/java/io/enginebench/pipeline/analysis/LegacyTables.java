package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The older harness's analyses, recomputed from per-request rows of legacy files (METRICS.md "Legacy-compatible").
 * Its per-file percentiles were type 7 over successful requests only; throughput used the file's wall time.
 */
public final class LegacyTables {
    private LegacyTables() {}

    /** Requests of legacy runs with total_ms, ttft_ms, output_tokens, ok and legacy_tpot_ms, plus file identity. */
    public static Dataset<Row> requests(Dataset<Row> requests, Dataset<Row> runs, EnginePolicy policy) {
        Dataset<Row> files = runs.filter(col("source").equalTo(RunSummary.LEGACY))
                .select(col("run_uid"), col("collection"), col("model_name"), col("scenario"),
                        policy.engineGroup().as("legacy_engine"), col("max_tokens"), col("legacy_wall_time_s"));
        Column ok = col("outcome").equalTo("ok");
        Column total = col("completed_ns").divide(1e6);
        Column ttft = col("first_token_ns").divide(1e6);
        Column out = col("completion_tokens");
        Column tpotEligible = ok.and(total.gt(0)).and(out.geq(1));
        return requests.filter(col("phase").equalTo("measured"))
                .select(col("run_uid"), ok.as("ok"), total.as("total_ms"), ttft.as("ttft_ms"),
                        out.as("output_tokens"),
                        when(tpotEligible, total.minus(ttft).divide(greatest(out.minus(1), lit(1))))
                                .as("legacy_tpot_ms"))
                .join(files, "run_uid");
    }

    public static Dataset<Row> fileMetrics(Dataset<Row> legacyRequests, Dataset<Row> runs) {
        Dataset<Row> perFile = legacyRequests.groupBy("run_uid").agg(
                Stats.percentiles(when(col("ok"), col("ttft_ms")), 0.5, 0.95, 0.99).as("ttft"),
                Stats.percentiles(when(col("ok"), col("total_ms")), 0.5, 0.95, 0.99).as("lat"),
                count(lit(1)).as("total"), sum(when(col("ok"), 1).otherwise(0)).as("successful"),
                sum(when(col("ok"), col("output_tokens"))).as("tokens"));
        Dataset<Row> files = runs.filter(col("source").equalTo(RunSummary.LEGACY))
                .select(col("run_uid"), col("run_id"), col("timestamp"), col("collection"), col("source_path"),
                        col("model"), col("model_name"), col("scenario"), col("engine"), col("engine_variant"),
                        col("legacy_wall_time_s").as("wall_s"));
        return files.join(perFile, "run_uid").select(col("run_uid"), col("run_id"), col("timestamp"),
                col("collection"), col("source_path"), col("model"), col("model_name"), col("scenario"),
                col("engine"), col("engine_variant"),
                zeroIfNull(col("ttft").getItem(0)).as("ttft_p50_ms"),
                zeroIfNull(col("ttft").getItem(1)).as("ttft_p95_ms"),
                zeroIfNull(col("ttft").getItem(2)).as("ttft_p99_ms"),
                zeroIfNull(col("lat").getItem(0)).as("latency_p50_ms"),
                zeroIfNull(col("lat").getItem(1)).as("latency_p95_ms"),
                zeroIfNull(col("lat").getItem(2)).as("latency_p99_ms"),
                perWall(col("tokens")).as("tokens_per_sec"), perWall(col("successful")).as("requests_per_sec"),
                col("total").minus(col("successful")).divide(col("total")).as("error_rate"), col("wall_s"));
    }

    // the older harness reported 0 (not "no value") for files without successes or without wall time
    private static Column zeroIfNull(Column c) {
        return coalesce(c, lit(0.0));
    }

    private static Column perWall(Column c) {
        return when(col("wall_s").gt(0), coalesce(c, lit(0)).divide(col("wall_s"))).otherwise(lit(0.0));
    }

    public static Dataset<Row> tpot(Dataset<Row> legacyRequests) {
        return legacyRequests.filter(col("legacy_tpot_ms").isNotNull())
                .groupBy(col("collection"), col("model_name"), col("legacy_engine").as("engine"), col("scenario"))
                .agg(count(lit(1)).as("n"), Stats.mean(col("legacy_tpot_ms")).as("mean"),
                        Stats.sd(col("legacy_tpot_ms")).as("sd"),
                        Stats.percentiles(col("legacy_tpot_ms"), 0.5, 0.95, 0.99).as("pct"),
                        Stats.mean(col("output_tokens")).as("mean_output_tokens"))
                .select(col("collection"), col("model_name"), col("engine"), col("scenario"), col("n"), col("mean"),
                        when(col("n").geq(2), col("sd")).as("sd"), col("pct").getItem(0).as("p50"),
                        col("pct").getItem(1).as("p95"), col("pct").getItem(2).as("p99"),
                        col("mean_output_tokens"));
    }

    /**
     * Goodput per (collection, model, engine) and scenario, plus scenario {@code ALL}: Σ qualifying / Σ per-file wall
     * time. counted = requests with a legacy TPOT (successful, total_ms > 0, output_tokens ≥ 1).
     */
    public static Dataset<Row> goodput(Dataset<Row> legacyRequests, List<Slo> slos) {
        Dataset<Row> walls = legacyRequests.select("run_uid", "legacy_wall_time_s").distinct();
        Dataset<Row> out = null;
        for (Slo slo : slos) {
            Column qualifies = col("legacy_tpot_ms").isNotNull().and(col("ttft_ms").leq(slo.ttftMs()))
                    .and(col("legacy_tpot_ms").leq(slo.tpotMs()));
            Dataset<Row> perFile = legacyRequests.groupBy("run_uid", "collection", "model_name", "legacy_engine",
                            "scenario")
                    .agg(sum(when(qualifies, 1).otherwise(0)).as("qualifying"),
                            sum(when(col("legacy_tpot_ms").isNotNull(), 1).otherwise(0)).as("counted"))
                    .join(walls, "run_uid");
            Dataset<Row> perScenario = rollUp(perFile, col("scenario"));
            Dataset<Row> all = rollUp(perFile, lit("ALL"));
            Dataset<Row> both = perScenario.unionByName(all)
                    .withColumn("ttft_slo_ms", lit(slo.ttftMs())).withColumn("tpot_slo_ms", lit(slo.tpotMs()));
            out = out == null ? both : out.unionByName(both);
        }
        return out.withColumn("goodput_rps", col("qualifying").divide(col("wall_s")))
                .withColumn("pass_pct", col("qualifying").multiply(100.0).divide(col("counted")))
                .select("collection", "model_name", "engine", "scenario", "ttft_slo_ms", "tpot_slo_ms",
                        "qualifying", "counted", "wall_s", "goodput_rps", "pass_pct");
    }

    private static Dataset<Row> rollUp(Dataset<Row> perFile, Column scenario) {
        return perFile.groupBy(col("collection"), col("model_name"), col("legacy_engine").as("engine"),
                        scenario.as("scenario"))
                .agg(sum("qualifying").as("qualifying"), sum("counted").as("counted"),
                        Stats.sum(col("legacy_wall_time_s")).as("wall_s"));
    }

    /** Per-file values (ttft p50/p95, tokens_per_sec, p95 of legacy TPOT), engine under the chosen policy. */
    private static Dataset<Row> perFileValues(Dataset<Row> legacyRequests, Dataset<Row> fileMetrics,
            double tpotPercentile, String tpotMetric, List<String> metrics) {
        Dataset<Row> tpot = legacyRequests.groupBy("run_uid")
                .agg(Stats.percentiles(col("legacy_tpot_ms"), tpotPercentile).getItem(0).as(tpotMetric));
        Dataset<Row> ids = legacyRequests.select("run_uid", "collection", "model_name", "legacy_engine", "scenario",
                "max_tokens").distinct();
        Dataset<Row> wide = fileMetrics.select("run_uid", "ttft_p50_ms", "ttft_p95_ms", "tokens_per_sec")
                .join(tpot, "run_uid").join(ids, "run_uid").withColumnRenamed("legacy_engine", "engine");
        return CellSummary.longFormat(wide, List.of("run_uid", "collection", "model_name", "engine", "scenario",
                "max_tokens"), metrics);
    }

    public static Dataset<Row> variance(Dataset<Row> legacyRequests, Dataset<Row> fileMetrics) {
        Dataset<Row> values = perFileValues(legacyRequests, fileMetrics, 0.95, "tpot_p95_ms",
                List.of("ttft_p50_ms", "ttft_p95_ms", "tokens_per_sec", "tpot_p95_ms"))
                .filter(col("value").gt(0));
        return CellSummary.statsBy(values, List.of("collection", "model_name", "engine", "scenario"))
                .select("collection", "model_name", "engine", "scenario", "metric", "n", "mean", "sd",
                        "ci95_halfwidth", "cv_pct", "high_variance");
    }

    public static Dataset<Row> decodeSweep(Dataset<Row> legacyRequests, Dataset<Row> fileMetrics) {
        Dataset<Row> values = perFileValues(legacyRequests.filter(col("scenario").startsWith("decode_length_sweep")),
                fileMetrics, 0.5, "tpot_p50_ms", List.of("tokens_per_sec", "ttft_p50_ms", "tpot_p50_ms"));
        return CellSummary.statsBy(values, List.of("collection", "model_name", "engine", "max_tokens"))
                .select("collection", "model_name", "engine", "max_tokens", "metric", "n", "mean", "ci95_halfwidth");
    }
}
