package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Iterator;
import scala.collection.Seq;

/** Across-iteration statistics of METRICS.md: sample sd, CV = sd/mean·100, 95% CI = t(0.975, n−1)·sd/√n. */
public final class Stats {
    /** CV above this (percent) flags a cell as high-variance. */
    public static final double HIGH_CV_PCT = 5.0;

    static final UserDefinedFunction T975 =
            functions.udf((UDF1<Long, Double>) Stats::t975OrNull, DataTypes.DoubleType);

    private Stats() {}

    /** The 0.975 quantile of Student's t with n−1 degrees of freedom; undefined (null) for n < 2. */
    public static Double t975OrNull(Long n) {
        if (n == null || n < 2) {
            return null;
        }
        return new TDistribution(null, n - 1.0).inverseCumulativeProbability(0.975);
    }

    /**
     * Type 7 percentiles of a group's non-null values, as an aggregate giving an array of doubles in the order of
     * {@code ps}: bit for bit what Spark's {@code percentile(value, array(ps))} gives (its positions and arithmetic,
     * null for a group without values), selected from the collected values ({@link Selection}). Spark 4's
     * percentile() looks up the session's settings for every value it counts: most of run_summary's time at 1M
     * requests.
     */
    public static Column percentiles(Column value, double... ps) {
        Column[] literal = new Column[ps.length];
        for (int i = 0; i < ps.length; i++) literal[i] = lit(ps[i]);
        return PERCENTILES.apply(collect_list(value.cast("double")), array(literal));
    }

    private static final UserDefinedFunction PERCENTILES = functions.udf((UDF2<Seq<Double>, Seq<Double>, Double[]>)
            (values, ps) -> {
                int n = values.size();
                if (n == 0) return null;
                double[] v = new double[n];
                Iterator<Double> it = values.iterator();
                for (int i = 0; i < n; i++) v[i] = it.next();
                double[] p = new double[ps.size()];
                Iterator<Double> pit = ps.iterator();
                for (int i = 0; i < p.length; i++) p[i] = pit.next();
                return Arrays.stream(Selection.percentiles(v, n, p)).boxed().toArray(Double[]::new);
            }, DataTypes.createArrayType(DataTypes.DoubleType, false));

    /** count, mean, sd, min, max of {@code value} (nulls skipped), named n, mean, sd, min, max. */
    public static Column[] moments(Column value) {
        return new Column[] {count(value).as("n"), avg(value).as("mean"), stddev_samp(value).as("sd"),
                min(value).as("min"), max(value).as("max")};
    }

    /** Adds cv_pct, ci95_halfwidth, ci_low, ci_high, high_variance from columns n, mean, sd. */
    public static Dataset<Row> withIntervals(Dataset<Row> df) {
        Column ci = T975.apply(col("n")).multiply(col("sd")).divide(sqrt(col("n")));
        Column cv = when(col("mean").notEqual(0), col("sd").divide(col("mean")).multiply(100));
        return df.withColumn("sd", when(col("n").geq(2), col("sd")))
                .withColumn("cv_pct", cv)
                .withColumn("ci95_halfwidth", ci)
                .withColumn("ci_low", col("mean").minus(col("ci95_halfwidth")))
                .withColumn("ci_high", col("mean").plus(col("ci95_halfwidth")))
                .withColumn("high_variance", col("cv_pct").gt(lit(HIGH_CV_PCT)));
    }
}
