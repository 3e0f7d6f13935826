package io.enginebench.pipeline.analysis;

import io.enginebench.trace.EngineMetricNames;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code spec_decoding}: each speculative-decoding variant against its base engine (same model × scenario), with
 * acceptance from the engine's counters (increase over each run), never from chunk counts.
 */
public final class SpecDecoding {
    static final String DRAFT = EngineMetricNames.SPEC_DRAFT_TOKENS;
    static final String ACCEPTED = EngineMetricNames.SPEC_ACCEPTED_TOKENS;
    static final String DRAFTS = EngineMetricNames.SPEC_DRAFTS;
    static final String ACCEPT_RATE = EngineMetricNames.SPEC_ACCEPT_RATE;
    static final String ACCEPT_LENGTH = EngineMetricNames.SPEC_ACCEPT_LENGTH;

    private SpecDecoding() {}

    /** @param runSummary under the spec-separate policy (variants must stay apart here) */
    public static Dataset<Row> compute(Dataset<Row> runSummary, Dataset<Row> measured, Dataset<Row> engineMetrics) {
        Column variant = coalesce(col("engine_variant"), col("engine"));
        // a variant's base is its own name without the method suffix: vllm-ngram → vllm, sim-vllm-ngram → sim-vllm
        Column base = when(col("spec_method").isNotNull(),
                expr("regexp_replace(coalesce(engine_variant, engine), concat('-', spec_method, '$'), '')"))
                .otherwise(variant);
        Dataset<Row> runs = runSummary.filter(col("scope").equalTo("run"))
                .withColumn("is_spec", col("spec_method").isNotNull()).withColumn("engine_variant", variant)
                .withColumn("base_variant", base);
        Dataset<Row> chunkRatio = measured.filter(col("ok")).groupBy("run_uid").agg(
                sum("completion_tokens").as("tokens"), sum("content_chunk_count").as("chunks"));
        Dataset<Row> counters = CounterDeltas.wide(engineMetrics, List.of(DRAFT, ACCEPTED, DRAFTS));
        // engines without drafted-token counters (SGLang) report acceptance only as gauges
        Dataset<Row> gauges = RunGauges.wide(engineMetrics, List.of(ACCEPT_RATE, ACCEPT_LENGTH), true);

        Dataset<Row> variants = runs.filter(col("is_spec"))
                .join(counters, new String[] {"run_uid"}, "left")
                .join(gauges, new String[] {"run_uid"}, "left")
                .join(chunkRatio, new String[] {"run_uid"}, "left")
                .groupBy("model_name", "scenario", "engine", "engine_variant", "base_variant")
                .agg(first("spec_method", true).as("spec_method"), count(lit(1)).as("n_variant_runs"),
                        Stats.mean(col("output_tps")).as("variant_output_tps"), Stats.mean(col("tpot_ms_p50")).as("variant_tpot_ms_p50"),
                        Stats.sum(col(DRAFT)).as("draft_tokens"), Stats.sum(col(ACCEPTED)).as("accepted_tokens"),
                        Stats.sum(col(DRAFTS)).as("drafts"), Stats.mean(col(ACCEPT_RATE)).as("gauge_acceptance_rate"),
                        Stats.mean(col(ACCEPT_LENGTH)).as("gauge_accepted_length"),
                        sum(when(col("source").notEqual(RunSummary.LEGACY), col("tokens"))).as("usage_tokens"),
                        sum(when(col("source").notEqual(RunSummary.LEGACY), col("chunks"))).as("usage_chunks"));
        Dataset<Row> bases = runs.filter(col("is_spec").equalTo(false))
                .groupBy("model_name", "scenario", "base_variant")
                .agg(count(lit(1)).as("n_base_runs"), Stats.mean(col("output_tps")).as("base_output_tps"),
                        Stats.mean(col("tpot_ms_p50")).as("base_tpot_ms_p50"));
        return variants.join(bases, new String[] {"model_name", "scenario", "base_variant"}, "left")
                .withColumn("tps_ratio", col("variant_output_tps").divide(col("base_output_tps")))
                .withColumn("tpot_ratio", col("variant_tpot_ms_p50").divide(col("base_tpot_ms_p50")))
                .withColumn("counter_acceptance_rate", when(col("draft_tokens").gt(0),
                        col("accepted_tokens").divide(col("draft_tokens"))))
                .withColumn("acceptance_source", when(col("counter_acceptance_rate").isNotNull(), lit("counters"))
                        .when(col("gauge_acceptance_rate").isNotNull()
                                .or(col("gauge_accepted_length").isNotNull()), lit("gauge")))
                .withColumn("acceptance_rate", coalesce(col("counter_acceptance_rate"), col("gauge_acceptance_rate")))
                .withColumn("mean_accepted_length", coalesce(when(col("drafts").gt(0),
                        lit(1).plus(col("accepted_tokens").divide(col("drafts")))), col("gauge_accepted_length")))
                .withColumn("tokens_per_chunk", when(col("usage_chunks").gt(0),
                        col("usage_tokens").divide(col("usage_chunks"))))
                .withColumn("selection_policy", lit(EnginePolicy.SPEC_SEPARATE.label()))
                .select("model_name", "scenario", "engine", "engine_variant", "base_variant", "spec_method",
                        "n_variant_runs",
                        "n_base_runs", "variant_output_tps", "base_output_tps", "tps_ratio", "variant_tpot_ms_p50",
                        "base_tpot_ms_p50", "tpot_ratio", "draft_tokens", "accepted_tokens", "acceptance_rate",
                        "drafts", "mean_accepted_length", "acceptance_source", "tokens_per_chunk", "selection_policy");
    }
}
