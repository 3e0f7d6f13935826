package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Exact type 7 percentiles per group, equal to Spark's {@code percentile()} aggregate (nulls ignored, linear
 * interpolation between the closest ranks), for groups with millions of nearly distinct values (chunk gaps).
 * Spark's aggregate keeps a value→count map per group in memory; here the values are counted per group, shuffled
 * by group, sorted within partitions (the sorter spills to disk) and streamed once, keeping only the values at the
 * ranks that the percentiles need.
 */
public final class ExactPercentiles {
    private static final String V = "__pct_v";
    private static final String N = "__pct_n";
    private static final String KEY = "__pct_k_";
    private static final String G = "__pct_g";

    private ExactPercentiles() {}

    /**
     * One row per group that has a non-null value: the group columns, then {@code outCol}, an array of doubles with
     * one entry per {@code ps}, in order. Groups with only null values are absent (join them back as nulls).
     */
    public static Dataset<Row> of(Dataset<Row> df, List<String> groupCols, String valueCol, String outCol,
            double... ps) {
        for (double p : ps) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("percentile must be in [0, 1]: " + p);
            }
        }
        Column[] keys = RunSummary.cols(groupCols);
        Dataset<Row> values = df.select(RunSummary.concat(keys, col(valueCol).cast("double").as(V)))
                .filter(col(V).isNotNull());
        // Group sizes are few rows (one per group), broadcast onto the values. Each group gets a dense int id, so the
        // big rows shuffle and sort as (id, value): comparing long string keys dominated the sort otherwise.
        Dataset<Row> sizes = values.groupBy(keys).agg(count(lit(1)).as(N))
                .withColumn(G, row_number().over(Window.orderBy(keys.length == 0 ? new Column[] {lit(0)} : keys)));
        for (String k : groupCols) {
            sizes = sizes.withColumnRenamed(k, KEY + k);
        }
        Column on = lit(true);
        for (String k : groupCols) {
            on = on.and(values.col(k).eqNullSafe(sizes.col(KEY + k)));
        }
        Dataset<Row> sorted = values.join(broadcast(sizes), on).select(col(G), col(V), col(N))
                .repartition(col(G)).sortWithinPartitions(col(G), col(V));
        StructType streamed = DataTypes.createStructType(List.of(
                DataTypes.createStructField(G, DataTypes.IntegerType, false),
                DataTypes.createStructField(outCol, DataTypes.createArrayType(DataTypes.DoubleType, false), false)));
        Dataset<Row> pct = sorted.mapPartitions(new Stream(1, ps.clone()), Encoders.row(streamed));
        // the same broadcast as above, so Spark reuses it instead of counting again
        Dataset<Row> named = pct.join(broadcast(sizes), G);
        List<Column> select = new ArrayList<>();
        for (String k : groupCols) {
            select.add(col(KEY + k).as(k));
        }
        select.add(col(outCol));
        return named.select(select.toArray(Column[]::new));
    }

    /**
     * {@code left} with {@code pct}'s other columns, matched on {@code keys} (nulls match nulls); left rows without
     * a match get nulls, as Spark's {@code percentile()} gives a group with no non-null value.
     */
    public static Dataset<Row> join(Dataset<Row> left, Dataset<Row> pct, List<String> keys) {
        Dataset<Row> right = pct;
        for (String k : keys) {
            right = right.withColumnRenamed(k, KEY + k);
        }
        Column on = lit(true);
        for (String k : keys) {
            on = on.and(left.col(k).eqNullSafe(right.col(KEY + k)));
        }
        Dataset<Row> joined = left.join(right, on, "left");
        for (String k : keys) {
            joined = joined.drop(right.col(KEY + k));
        }
        return joined;
    }

    /** Walks one partition's rows, sorted by group then value, and emits each group's percentiles at its end. */
    private static final class Stream implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int keyCount;
        private final double[] ps;

        Stream(int keyCount, double[] ps) {
            this.keyCount = keyCount;
            this.ps = ps;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<Row> result = new ArrayList<>();
            Group group = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                Object[] key = new Object[keyCount];
                for (int i = 0; i < keyCount; i++) {
                    key[i] = r.get(i);
                }
                if (group == null || !Arrays.equals(group.key, key)) {
                    if (group != null) {
                        result.add(group.toRow());
                    }
                    group = new Group(key, r.getLong(keyCount + 1), ps);
                }
                group.accept(r.getDouble(keyCount));
            }
            if (group != null) {
                result.add(group.toRow());
            }
            return result.iterator();
        }
    }

    /** The values at the floor and ceiling ranks of each percentile, caught as the sorted values stream past. */
    private static final class Group {
        final Object[] key;
        final double[] positions;
        final long[] lower;
        final long[] higher;
        final double[] lowerValue;
        final double[] higherValue;
        long index;

        Group(Object[] key, long n, double[] ps) {
            this.key = key;
            int k = ps.length;
            positions = new double[k];
            lower = new long[k];
            higher = new long[k];
            lowerValue = new double[k];
            higherValue = new double[k];
            for (int i = 0; i < k; i++) {
                positions[i] = (n - 1) * ps[i];
                lower[i] = (long) Math.floor(positions[i]);
                higher[i] = (long) Math.ceil(positions[i]);
            }
        }

        void accept(double v) {
            for (int i = 0; i < positions.length; i++) {
                if (index == lower[i]) {
                    lowerValue[i] = v;
                }
                if (index == higher[i]) {
                    higherValue[i] = v;
                }
            }
            index++;
        }

        Row toRow() {
            Object[] values = Arrays.copyOf(key, key.length + 1);
            double[] pct = new double[positions.length];
            for (int i = 0; i < pct.length; i++) {
                pct[i] = interpolate(positions[i], lower[i], higher[i], lowerValue[i], higherValue[i]);
            }
            values[key.length] = Arrays.stream(pct).boxed().toArray(Double[]::new);
            return RowFactory.create(values);
        }
    }

    /** Spark's own arithmetic, so results match its {@code percentile()} to the last bit. */
    static double interpolate(double position, long lower, long higher, double lowerValue, double higherValue) {
        if (lower == higher || lowerValue == higherValue) {
            return lowerValue;
        }
        return (higher - position) * lowerValue + (position - lower) * higherValue;
    }
}
