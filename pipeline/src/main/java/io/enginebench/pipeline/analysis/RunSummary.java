package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.quality.AchievedLoad;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code run_summary}: per run, per level and per arm, counts, throughput and exact (type 7) latency percentiles of
 * measured requests. Failed requests count in error_rate (and, while in flight, in a level's achieved concurrency)
 * only.
 */
public final class RunSummary {
    static final String LEGACY = "legacy-json";
    private static final String[] LATENCIES = {"ttft_ms", "ttft_sched_ms", "e2e_ms", "e2e_sched_ms", "tpot_ms"};

    private RunSummary() {}

    /** @param itlByScope {@link Distributions#byScope} of the gaps' itl_ms (its p50 and p99 are reused here) */
    public static Dataset<Row> compute(Dataset<Row> measured, Dataset<Row> itlByScope, Dataset<Row> identity) {
        Dataset<Row> perScope = scope(measured, itlByScope, "run", List.of("run_uid"))
                .unionByName(scope(measured, itlByScope, "level", List.of("run_uid", "level_index")), true)
                .unionByName(scope(measured.filter(col("arm").isNotNull()), itlByScope, "arm",
                        List.of("run_uid", "arm")), true);
        Column legacy = col("source").equalTo(LEGACY);
        // Legacy requests share no epoch (each timed from its own POST): only the file's wall time is a duration.
        Column duration = when(legacy, when(col("scope").equalTo("run"), col("legacy_wall_time_s")))
                .otherwise(col("span_s"));
        // A whole run of several levels mixes loads: its throughput is published only under a name that says so.
        Column wholeRun = col("scope").equalTo("run");
        Column oneLoad = col("scope").notEqual("run").or(col("levels").leq(1));
        return identity.join(perScope, "run_uid")
                .withColumn("duration_s", duration)
                .withColumn("duration_source", when(legacy, lit("legacy_wall_time")).otherwise(lit("span")))
                .withColumn("output_tps_whole_run", when(wholeRun, col("tokens_ok").divide(col("duration_s"))))
                .withColumn("request_rps_whole_run", when(wholeRun, col("requests_ok").divide(col("duration_s"))))
                .withColumn("output_tps", when(oneLoad, col("tokens_ok").divide(col("duration_s"))))
                .withColumn("request_rps", when(oneLoad, col("requests_ok").divide(col("duration_s"))))
                .drop("span_s", "tokens_ok", "legacy_wall_time_s");
    }

    private static Dataset<Row> scope(Dataset<Row> m, Dataset<Row> itlByScope, String scope, List<String> keys) {
        List<Column> aggs = new ArrayList<>(List.of(
                when(min("concurrency").equalTo(max("concurrency")), min("concurrency")).as("concurrency"),
                when(min("target_rate").equalTo(max("target_rate")), min("target_rate")).as("target_rate"),
                countDistinct(col("level_index")).as("levels"),
                when(max(col("latency_basis").equalTo(RequestMetrics.SCHEDULED)), lit(RequestMetrics.SCHEDULED))
                        .otherwise(lit(RequestMetrics.SENT)).as("latency_basis"),
                count(lit(1)).as("requests_total"),
                sum(when(col("ok"), 1).otherwise(0)).as("requests_ok"),
                max("completed_ns").minus(min("sent_ns")).divide(1e9).as("span_s"),
                sum(when(col("ok"), col("completion_tokens"))).as("tokens_ok"),
                Stats.mean(when(col("ok"), col("completion_tokens"))).as("mean_completion_tokens"),
                sum(when(col("ok"), col("cached_tokens"))).divide(sum(when(col("ok").and(col("cached_tokens")
                        .isNotNull()), col("prompt_tokens")))).as("cached_token_share"),
                Stats.mean(when(col("ok"), col("structured_valid").cast("double"))).as("structured_valid_rate")));
        if (scope.equals("level")) {
            // the load the level ran at, next to its label (the ingest's label rules use the same definition)
            aggs.add(AchievedLoad.concurrency().as("achieved_concurrency"));
            aggs.add(AchievedLoad.rate().as("achieved_rate"));
        }
        for (String m0 : LATENCIES) {
            aggs.add(Stats.percentiles(col(m0), 0.5, 0.9, 0.95, 0.99).as(m0 + "_pct"));
            aggs.add(Stats.mean(col(m0)).as(m0 + "_mean"));
        }
        Dataset<Row> a = m.groupBy(cols(keys)).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        for (String m0 : LATENCIES) {
            a = a.withColumn(m0 + "_p50", col(m0 + "_pct").getItem(0))
                    .withColumn(m0 + "_p90", col(m0 + "_pct").getItem(1))
                    .withColumn(m0 + "_p95", col(m0 + "_pct").getItem(2))
                    .withColumn(m0 + "_p99", col(m0 + "_pct").getItem(3))
                    .drop(m0 + "_pct");
        }
        Dataset<Row> itl = itlByScope.filter(col("scope").equalTo(scope))
                .select(concat(cols(keys), col("p50").as("itl_ms_p50"), col("p99").as("itl_ms_p99")));
        return a.join(itl, keys.toArray(String[]::new), "left")
                .withColumn("requests_failed", col("requests_total").minus(col("requests_ok")))
                .withColumn("error_rate", col("requests_failed").divide(col("requests_total")))
                .withColumn("scope", lit(scope));
    }

    /** {@code left} joined with {@code right} on {@code keys} where null equals null (a cell's keys may be null). */
    static Dataset<Row> joinNullSafe(Dataset<Row> left, Dataset<Row> right, List<String> keys, String type) {
        Dataset<Row> l = left.alias("l");
        Dataset<Row> r = right.alias("r");
        Column on = lit(true);
        for (String k : keys) {
            on = on.and(col("l." + k).eqNullSafe(col("r." + k)));
        }
        List<Column> out = new ArrayList<>();
        for (String c : left.columns()) {
            out.add(col("l." + c).as(c));
        }
        for (String c : right.columns()) {
            if (!keys.contains(c)) {
                out.add(col("r." + c).as(c));
            }
        }
        return l.join(r, on, type).select(out.toArray(Column[]::new));
    }

    static Column[] cols(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    static Column[] concat(Column[] a, Column... b) {
        Column[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
