package io.enginebench.pipeline.analysis;

import io.enginebench.trace.EngineMetricNames;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/** {@code prefix_cache} and {@code structured}: one row per two-arm run, comparing its arms. */
public final class TwoArmRuns {
    static final String HITS = EngineMetricNames.PREFIX_CACHE_HITS;
    static final String QUERIES = EngineMetricNames.PREFIX_CACHE_QUERIES;
    static final String PROMPT = EngineMetricNames.PROMPT_TOKENS;
    static final String HIT_RATE_GAUGE = EngineMetricNames.PREFIX_CACHE_HIT_RATE;

    private TwoArmRuns() {}

    public static Dataset<Row> prefixCache(Dataset<Row> runSummary, Dataset<Row> engineMetrics) {
        Dataset<Row> arms = armColumns(runSummary, "shared", "unique",
                List.of("ttft_ms_p50", "cached_token_share"));
        // SGLang counts cached prompt tokens but not lookups: its prompt tokens are the lookups
        Dataset<Row> counters = CounterDeltas.wide(engineMetrics, List.of(HITS, QUERIES, PROMPT))
                .select(col("run_uid"), col(HITS).as("hits"),
                        when(col(HITS).isNotNull(), coalesce(col(QUERIES), col(PROMPT))).as("queries"));
        Dataset<Row> gauges = RunGauges.wide(engineMetrics, List.of(HIT_RATE_GAUGE), false)
                .select(col("run_uid"), col(HIT_RATE_GAUGE).as("hit_rate_gauge"));
        Column fromCounters = when(col("queries").gt(0), col("hits").divide(col("queries")));
        return wholeRuns(runSummary).join(arms, "run_uid")
                .join(counters, new String[] {"run_uid"}, "left")
                .join(gauges, new String[] {"run_uid"}, "left")
                .withColumn("hit_rate_source", when(fromCounters.isNotNull(), lit("counters"))
                        .when(col("hit_rate_gauge").isNotNull(), lit("gauge")))
                .withColumn("hit_rate", coalesce(fromCounters, col("hit_rate_gauge")))
                .withColumn("ttft_ratio", col("ttft_ms_p50_shared").divide(col("ttft_ms_p50_unique")))
                .select(RunSummary.concat(RunSummary.cols(RunIdentity.COLUMNS), col("queries"), col("hits"),
                        col("hit_rate"), col("hit_rate_source"), col("cached_token_share"), col("cached_token_share_shared"),
                        col("cached_token_share_unique"), col("ttft_ms_p50_shared"), col("ttft_ms_p50_unique"),
                        col("ttft_ratio"), col("selection_policy")));
    }

    public static Dataset<Row> structured(Dataset<Row> runSummary) {
        Dataset<Row> arms = armColumns(runSummary, "json_schema", "unconstrained",
                List.of("tpot_ms_p50", "output_tps", "structured_valid_rate"));
        return wholeRuns(runSummary).drop("structured_valid_rate").join(arms, "run_uid")
                .withColumn("structured_valid_rate", col("structured_valid_rate_json_schema"))
                .withColumn("tpot_ms_p50_constrained", col("tpot_ms_p50_json_schema"))
                .withColumn("tpot_ms_p50_unconstrained", col("tpot_ms_p50_unconstrained"))
                .withColumn("output_tps_constrained", col("output_tps_json_schema"))
                .withColumn("tpot_overhead_pct", col("tpot_ms_p50_constrained")
                        .divide(col("tpot_ms_p50_unconstrained")).minus(1).multiply(100))
                .withColumn("tps_overhead_pct", lit(1).minus(col("output_tps_constrained")
                        .divide(col("output_tps_unconstrained"))).multiply(100))
                .select(RunSummary.concat(RunSummary.cols(RunIdentity.COLUMNS), col("structured_valid_rate"),
                        col("tpot_ms_p50_constrained"), col("tpot_ms_p50_unconstrained"),
                        col("tpot_overhead_pct"), col("output_tps_constrained"), col("output_tps_unconstrained"),
                        col("tps_overhead_pct"), col("selection_policy")));
    }

    private static Dataset<Row> wholeRuns(Dataset<Row> runSummary) {
        return runSummary.filter(col("scope").equalTo("run"));
    }

    /** Per run that has both arms: each metric as {@code <metric>_<arm>}. */
    private static Dataset<Row> armColumns(Dataset<Row> runSummary, String armA, String armB, List<String> metrics) {
        List<Column> aggs = new ArrayList<>();
        for (String arm : List.of(armA, armB)) {
            aggs.add(first(when(col("arm").equalTo(arm), lit(true)), true).as("has_" + arm));
            for (String m : metrics) {
                aggs.add(first(when(col("arm").equalTo(arm), col(m)), true).as(m + "_" + arm));
            }
        }
        return runSummary.filter(col("scope").equalTo("arm").and(col("arm").isin(armA, armB)))
                .groupBy("run_uid").agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .filter(col("has_" + armA).and(col("has_" + armB)))
                .drop("has_" + armA, "has_" + armB);
    }
}
