package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/** The identity columns of a run that every per-run derived table carries (RUN_ID_COLS of DERIVED_TABLES.md). */
public final class RunIdentity {
    public static final List<String> COLUMNS = List.of("run_uid", "source", "collection", "model", "model_name",
            "model_params_b", "engine", "engine_variant", "spec_method", "engine_group", "scenario", "config_hash",
            "iteration", "max_tokens", "simulated", "client_bound", "timestamp");

    private RunIdentity() {}

    /** RUN_ID_COLS plus legacy_wall_time_s, adaptive_levels and selection_policy, one row per run. */
    public static Dataset<Row> of(Dataset<Row> runs, EnginePolicy policy) {
        return withMaxTokens(runs).withColumn("engine_group", policy.engineGroup())
                .select(columns(COLUMNS, col("legacy_wall_time_s"), adaptiveLevels().as("adaptive_levels"),
                        lit(policy.label()).as("selection_policy")));
    }

    /**
     * True for SLO-search runs: their levels (probe rates) are chosen during the run, so they differ between engines
     * and iterations and only the search's answer compares (see {@link SloSearchAnswers}).
     */
    static Column adaptiveLevels() {
        return col("scenario").equalTo(SloSearchAnswers.SCENARIO)
                .or(get_json_object(col("scenario_config"), "$.result").isNotNull());
    }

    /** A run compares with others only when its model is known (docs: rule {@code model_unknown}). */
    public static Column modelKnown() {
        return col("model_name").isNotNull().and(trim(col("model_name")).notEqual(""));
    }

    /**
     * Decode sweeps name their length (decode_length_sweep_1024): used when the run row has no max_tokens. Adds
     * {@code config_hash} ({@link ConfigHash}).
     */
    public static Dataset<Row> withMaxTokens(Dataset<Row> runs) {
        Column sweepLength = regexp_extract(col("scenario"), "^decode_length_sweep_(\\d+)$", 1);
        return runs.withColumn("max_tokens", coalesce(col("max_tokens").cast("int"),
                        when(sweepLength.notEqual(""), sweepLength.cast("int"))))
                .withColumn("config_hash", ConfigHash.UDF.apply(col("scenario_config")));
    }

    static Column[] columns(List<String> names, Column... extra) {
        Column[] out = new Column[names.size() + extra.length];
        for (int i = 0; i < names.size(); i++) {
            out[i] = col(names.get(i));
        }
        System.arraycopy(extra, 0, out, names.size(), extra.length);
        return out;
    }
}
