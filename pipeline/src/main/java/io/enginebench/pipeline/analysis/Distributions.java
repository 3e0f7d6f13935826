package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/** {@code tpot}, {@code itl} (per-run/level/arm percentiles) and their chart histograms. */
public final class Distributions {
    public static final int BINS = 20;

    private Distributions() {}

    /**
     * n, mean, sd, min, max, p50…p99 of {@code value} per run, level and arm, with a scope column, without run
     * identity: small, so callers materialize it and reuse it (tpot, its histogram bounds). For request-level values;
     * chunk gaps have {@link ChunkGaps}.
     */
    public static Dataset<Row> byScope(Dataset<Row> values, String value) {
        Dataset<Row> run = agg(values, value, "run", List.of("run_uid"));
        Dataset<Row> level = agg(values, value, "level", List.of("run_uid", "level_index"));
        Dataset<Row> arm = agg(values.filter(col("arm").isNotNull()), value, "arm", List.of("run_uid", "arm"));
        return run.unionByName(level, true).unionByName(arm, true);
    }

    /** {@link #byScope} rows with the run identity, as the tpot and itl tables carry them. */
    public static Dataset<Row> withIdentity(Dataset<Row> byScope, Dataset<Row> identity) {
        return identity.drop("legacy_wall_time_s").join(byScope, "run_uid");
    }

    private static Dataset<Row> agg(Dataset<Row> v, String value, String scope, List<String> keys) {
        Column[] moments = Stats.moments(col(value));
        Column pct = Stats.percentiles(col(value), 0.5, 0.9, 0.95, 0.99);
        return v.groupBy(RunSummary.cols(keys))
                .agg(moments[0], moments[1], when(moments[0].geq(2), moments[2]).as("sd"), moments[3], moments[4],
                        pct.getItem(0).as("p50"), pct.getItem(1).as("p90"), pct.getItem(2).as("p95"),
                        pct.getItem(3).as("p99"))
                .withColumn("scope", lit(scope));
    }

    /**
     * Equal-width bins between each run's min and p99 (values above p99 land in the last bin), the bounds taken from
     * {@link #byScope} of the same values (its run-scope min and p99), so the values are not aggregated twice.
     */
    public static Dataset<Row> histogramFromScopes(Dataset<Row> values, String value, Dataset<Row> identity,
            Dataset<Row> byScope) {
        Dataset<Row> bounds = byScope.filter(col("scope").equalTo("run"))
                .select(col("run_uid"), col("min").as("lo"), col("p99").as("hi"));
        Column width = greatest(col("hi").minus(col("lo")), lit(1e-9)).divide(BINS);
        Column bin = least(lit(BINS - 1), greatest(lit(0), floor(col(value).minus(col("lo")).divide(width))))
                .cast("int");
        return histogramFromCounts(values.filter(col(value).isNotNull()).join(bounds, "run_uid")
                .withColumn("bin", bin)
                .groupBy("run_uid", "bin", "lo", "hi").agg(count(lit(1)).as("count")), identity);
    }

    /** The histogram table from per-run bin counts (run_uid, bin, lo, hi, count; non-empty bins only). */
    public static Dataset<Row> histogramFromCounts(Dataset<Row> counts, Dataset<Row> identity) {
        Column w = greatest(col("hi").minus(col("lo")), lit(1e-9)).divide(BINS);
        return counts
                .withColumn("bin_lo_ms", col("lo").plus(w.multiply(col("bin"))))
                .withColumn("bin_hi_ms", col("lo").plus(w.multiply(col("bin").plus(1))))
                .withColumn("share", col("count").divide(sum("count").over(Window.partitionBy("run_uid"))))
                .join(identity.select("run_uid", "model_name", "engine_group", "scenario", "selection_policy"),
                        "run_uid")
                .select("run_uid", "model_name", "engine_group", "scenario", "bin", "bin_lo_ms", "bin_hi_ms",
                        "count", "share", "selection_policy");
    }
}
