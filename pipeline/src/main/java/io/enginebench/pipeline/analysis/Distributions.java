package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** {@code tpot}, {@code itl} (per-run/level/arm percentiles) and their chart histograms. */
public final class Distributions {
    public static final int BINS = 20;

    private Distributions() {}

    /** Percentiles of another column of the same values (e.g. ITL per token beside ITL), as one array column. */
    public record ExtraPercentiles(String valueCol, String outCol, double... ps) {}

    /** Percentiles of {@code value} per run, level and arm; {@code extra} adds more percentiles. */
    public static Dataset<Row> percentiles(Dataset<Row> values, String value, Dataset<Row> identity,
            ExtraPercentiles... extra) {
        return withIdentity(byScope(values, value, extra), identity);
    }

    /**
     * n, mean, sd, min, max, p50…p99 (and {@code extra}) of {@code value} per run, level and arm, with a scope
     * column, without run identity: small, so callers cache it and reuse it (run_summary's ITL, histogram bounds).
     */
    public static Dataset<Row> byScope(Dataset<Row> values, String value, ExtraPercentiles... extra) {
        Dataset<Row> run = agg(values, value, "run", List.of("run_uid"), extra);
        Dataset<Row> level = agg(values, value, "level", List.of("run_uid", "level_index"), extra);
        Dataset<Row> arm = agg(values.filter(col("arm").isNotNull()), value, "arm", List.of("run_uid", "arm"), extra);
        return run.unionByName(level, true).unionByName(arm, true);
    }

    /** {@link #byScope} rows with the run identity, as the tpot and itl tables carry them. */
    public static Dataset<Row> withIdentity(Dataset<Row> byScope, Dataset<Row> identity) {
        return identity.drop("legacy_wall_time_s").join(byScope, "run_uid");
    }

    // Percentiles are sort-based (ExactPercentiles): chunk-level values run to millions of distinct values per run,
    // too many for the value->count map of Spark's percentile() aggregate.
    private static Dataset<Row> agg(Dataset<Row> v, String value, String scope, List<String> keys,
            ExtraPercentiles... extra) {
        Column[] moments = Stats.moments(col(value));
        Dataset<Row> out = v.groupBy(RunSummary.cols(keys))
                .agg(moments[0], java.util.Arrays.copyOfRange(moments, 1, moments.length));
        out = ExactPercentiles.join(out, ExactPercentiles.of(v, keys, value, "pct", 0.5, 0.9, 0.95, 0.99), keys);
        for (ExtraPercentiles e : extra) {
            out = ExactPercentiles.join(out, ExactPercentiles.of(v, keys, e.valueCol(), e.outCol(), e.ps()), keys);
        }
        return out
                .withColumn("p50", col("pct").getItem(0)).withColumn("p90", col("pct").getItem(1))
                .withColumn("p95", col("pct").getItem(2)).withColumn("p99", col("pct").getItem(3))
                .drop("pct")
                .withColumn("sd", when(col("n").geq(2), col("sd")))
                .withColumn("scope", lit(scope));
    }

    /** Equal-width bins between each run's min and p99; values above p99 land in the last bin. */
    public static Dataset<Row> histogram(Dataset<Row> values, String value, Dataset<Row> identity) {
        List<String> run = List.of("run_uid");
        Dataset<Row> bounds = ExactPercentiles.join(values.groupBy("run_uid").agg(expr("min(" + value + ")").as("lo")),
                ExactPercentiles.of(values, run, value, "hi", 0.99), run)
                .withColumn("hi", col("hi").getItem(0));
        return histogram(values, value, identity, bounds);
    }

    /**
     * As {@link #histogram(Dataset, String, Dataset)}, with the per-run bounds taken from {@link #byScope} of the
     * same values (its run-scope min and p99 are exactly those bounds), so the values are not aggregated twice.
     */
    public static Dataset<Row> histogramFromScopes(Dataset<Row> values, String value, Dataset<Row> identity,
            Dataset<Row> byScope) {
        Dataset<Row> bounds = byScope.filter(col("scope").equalTo("run"))
                .select(col("run_uid"), col("min").as("lo"), col("p99").as("hi"));
        return histogram(values, value, identity, bounds);
    }

    private static Dataset<Row> histogram(Dataset<Row> values, String value, Dataset<Row> identity,
            Dataset<Row> bounds) {
        Column width = greatest(col("hi").minus(col("lo")), lit(1e-9)).divide(BINS);
        Column bin = least(lit(BINS - 1), greatest(lit(0), floor(col(value).minus(col("lo")).divide(width))))
                .cast("int");
        Dataset<Row> counts = values.filter(col(value).isNotNull()).join(bounds, "run_uid")
                .withColumn("bin", bin)
                .groupBy("run_uid", "bin", "lo", "hi").agg(count(lit(1)).as("count"));
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
