package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * {@code slo_search}: the SLO search's answer per run and, across iterations, per engine. A search picks its probe
 * rates as it goes, so two engines (or two iterations) never ran the same levels: what compares is the answer, the
 * highest rate that met the SLO, read from the manifest's {@code scenario_config.result}.
 */
public final class SloSearchAnswers {
    static final String SCENARIO = "slo_search";
    /** The compared figure in {@code winners} (scope {@value #SCOPE}): the highest rate that met the SLO, req/s. */
    public static final String METRIC = "sustainable_rate";
    public static final String SCOPE = "slo_search";
    /** The answer of a search that states its confidence; older searches give only their last pass and fail. */
    public static final String FROM_CONFIDENCE = "confidence";
    public static final String FROM_LAST_PROBES = "last_pass_fail";
    static final List<String> CELL = List.of("model_name", "model_params_b", "engine_group", "scenario",
            "config_hash", "max_tokens", "latency_basis", "selection_policy");

    private SloSearchAnswers() {}

    /** One row per SLO-search run of a known model (scope {@code run}) and one per cell (scope {@code cell}). */
    public static Dataset<Row> compute(Dataset<Row> runs, Dataset<Row> identity) {
        Dataset<Row> perRun = perRun(runs, identity);
        Dataset<Row> cells = cells(perRun);
        return perRun.withColumn("scope", lit("run")).unionByName(cells.withColumn("scope", lit("cell")), true)
                .select("model_name", "model_params_b", "engine_group", "scenario", "config_hash", "max_tokens",
                        "latency_basis", "scope", "run_uid", "iteration", "simulated", "sustainable_rate_low",
                        "sustainable_rate_high", "confidence", "bounds_source", "probes", "statement", "n", "mean",
                        "sd", "ci95_halfwidth", "ci_low", "ci_high", "run_intervals", "selection_policy");
    }

    /** The cells of {@link #compute} shaped as {@code cell_summary} rows, for {@link Winners}. */
    public static Dataset<Row> asCells(Dataset<Row> sloSearch) {
        return sloSearch.filter(col("scope").equalTo("cell"))
                .select(RunSummary.concat(RunSummary.cols(CELL), lit(SCOPE).as("scope"),
                        lit(null).cast("int").as("level_index"), lit(null).cast("int").as("concurrency"),
                        lit(null).cast("double").as("target_rate"), lit(null).cast("string").as("arm"),
                        lit(METRIC).as("metric"), col("n"), col("mean"), col("ci95_halfwidth")));
    }

    static Dataset<Row> perRun(Dataset<Row> runs, Dataset<Row> identity) {
        Column cfg = col("scenario_config");
        // the confidence field marks a search that states its interval; its bounds may then be null on purpose
        Column stated = result(cfg, "confidence").isNotNull();
        Dataset<Row> searches = runs.filter(RunIdentity.adaptiveLevels())
                .select(col("run_uid"),
                        when(stated, result(cfg, "sustainable_rate_low"))
                                .otherwise(result(cfg, "last_passing_rate")).as("sustainable_rate_low"),
                        when(stated, result(cfg, "sustainable_rate_high"))
                                .otherwise(result(cfg, "last_failing_rate")).as("sustainable_rate_high"),
                        result(cfg, "confidence").as("confidence"),
                        when(stated, lit(FROM_CONFIDENCE)).otherwise(lit(FROM_LAST_PROBES)).as("bounds_source"),
                        result(cfg, "probes").cast("int").as("probes"),
                        get_json_object(cfg, "$.result.statement").as("statement"),
                        coalesce(get_json_object(cfg, "$.result.latency_basis"), lit("not_recorded"))
                                .as("latency_basis"));
        return identity.filter(RunIdentity.modelKnown()).join(searches, "run_uid");
    }

    /** Mean and 95% CI of the sustainable rate (the interval's low end) over iterations, with each run's interval. */
    static Dataset<Row> cells(Dataset<Row> perRun) {
        Column[] m = Stats.moments(col("sustainable_rate_low"));
        Column intervals = expr("concat_ws('; ', transform(array_sort(collect_list(struct(iteration, run_uid,"
                + " sustainable_rate_low, sustainable_rate_high))), x -> format_string('%s: [%s, %s]',"
                + " coalesce(cast(x.iteration as string), x.run_uid), coalesce(cast(x.sustainable_rate_low as string),"
                + " 'none'), coalesce(cast(x.sustainable_rate_high as string), 'none'))))").as("run_intervals");
        return Stats.withIntervals(perRun.groupBy(RunSummary.cols(CELL))
                .agg(m[0], m[1], m[2], intervals, first("confidence", true).as("confidence"),
                        first("simulated", true).as("simulated")));
    }

    private static Column result(Column cfg, String field) {
        return get_json_object(cfg, "$.result." + field).cast("double");
    }
}
