package io.enginebench.pipeline.analysis;

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

import java.util.Arrays;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

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
        return new Column[] {count(value).as("n"), mean(value).as("mean"), sd(value).as("sd"),
                min(value).as("min"), max(value).as("max")};
    }

    /*
     * Floating-point sums depend on the order of their terms, and Spark's avg/sum/stddev_samp add partial results in
     * the order the shuffle delivers them: the same inputs could give numbers differing in the last bits from one run
     * to the next (or between local[*] and a cluster). These aggregates sum a group's values in ascending order,
     * so the same values give the same bits whatever the partitioning.
     */

    /** The arithmetic mean of a group's non-null values, summed in ascending order; null without values. */
    public static Column mean(Column value) {
        return MEAN.apply(collect_list(value.cast("double")));
    }

    /** The sample standard deviation (n − 1) of a group's non-null values, two-pass in ascending order; null for n < 2. */
    public static Column sd(Column value) {
        return SD.apply(collect_list(value.cast("double")));
    }

    /** The sum of a group's non-null values in ascending order; null without values (as SQL's sum). */
    public static Column sum(Column value) {
        return SUM.apply(collect_list(value.cast("double")));
    }

    static double[] sorted(Seq<Double> values) {
        double[] v = new double[values.size()];
        Iterator<Double> it = values.iterator();
        for (int i = 0; i < v.length; i++) v[i] = it.next();
        Arrays.sort(v);
        return v;
    }

    static double orderedSum(double[] ascending) {
        double s = 0;
        for (double x : ascending) s += x;
        return s;
    }

    static Double sampleSd(double[] ascending) {
        int n = ascending.length;
        if (n < 2) return null;
        double mean = orderedSum(ascending) / n;
        double ss = 0;
        for (double x : ascending) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (n - 1));
    }

    private static final UserDefinedFunction MEAN = functions.udf((UDF1<Seq<Double>, Double>) values -> {
        double[] v = sorted(values);
        return v.length == 0 ? null : orderedSum(v) / v.length;
    }, DataTypes.DoubleType);

    private static final UserDefinedFunction SD = functions.udf(
            (UDF1<Seq<Double>, Double>) values -> sampleSd(sorted(values)), DataTypes.DoubleType);

    private static final UserDefinedFunction SUM = functions.udf((UDF1<Seq<Double>, Double>) values -> {
        double[] v = sorted(values);
        return v.length == 0 ? null : orderedSum(v);
    }, DataTypes.DoubleType);

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
