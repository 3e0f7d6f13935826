package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enginebench.pipeline.spark.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ExactPercentilesTest {
    private static final double[] PS = {0, 0.5, 0.9, 0.95, 0.99, 1};
    private static final StructType SCHEMA = new StructType()
            .add("run_uid", DataTypes.StringType).add("level_index", DataTypes.IntegerType)
            .add("v", DataTypes.DoubleType);

    /** Groups of sizes 1…~800 (one with a null key, one with only nulls), values with many ties and nulls. */
    private static Dataset<Row> randomValues(long seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        int[] sizes = {1, 2, 3, 7, 100, 801};
        for (int g = 0; g < sizes.length; g++) {
            for (int i = 0; i < sizes[g]; i++) {
                Double v = rnd.nextInt(10) == 0 ? null
                        : rnd.nextBoolean() ? (double) rnd.nextInt(20) : rnd.nextGaussian() * 50;
                rows.add(RowFactory.create("r" + (g % 2), g == 3 ? null : g, v));
            }
        }
        rows.add(RowFactory.create("r9", 1, null));
        rows.add(RowFactory.create("r9", 1, null));
        return SharedSpark.get().createDataFrame(rows, SCHEMA);
    }

    private static Map<List<Object>, List<Double>> byKey(Dataset<Row> df, String arrayCol) {
        Map<List<Object>, List<Double>> out = new HashMap<>();
        for (Row r : df.collectAsList()) {
            List<Double> pct = r.isNullAt(r.fieldIndex(arrayCol)) ? null : r.getList(r.fieldIndex(arrayCol));
            out.put(java.util.Arrays.asList(r.getAs("run_uid"), r.getAs("level_index")), pct);
        }
        return out;
    }

    @Test
    void equalsSparkPercentileBitForBitWithTiesNullsAndSeveralGroups() {
        for (long seed = 1; seed <= 3; seed++) {
            Dataset<Row> values = randomValues(seed);
            List<String> keys = List.of("run_uid", "level_index");
            Map<List<Object>, List<Double>> spark = byKey(values.groupBy("run_uid", "level_index")
                    .agg(expr("percentile(v, array(0, 0.5, 0.9, 0.95, 0.99, 1))").as("pct")), "pct");
            Map<List<Object>, List<Double>> exact = byKey(ExactPercentiles.of(values, keys, "v", "pct", PS), "pct");

            // the all-null group has no row of its own; joined back it gets null, as percentile() gives it
            assertThat(spark.get(java.util.Arrays.asList("r9", 1))).isNull();
            assertThat(exact).doesNotContainKey(java.util.Arrays.asList("r9", 1));
            spark.remove(java.util.Arrays.asList("r9", 1));
            assertThat(spark).hasSize(6);
            assertThat(exact).isEqualTo(spark);

            Dataset<Row> groups = values.groupBy("run_uid", "level_index").count();
            Map<List<Object>, List<Double>> joined = byKey(
                    ExactPercentiles.join(groups, ExactPercentiles.of(values, keys, "v", "pct", PS), keys), "pct");
            assertThat(joined).hasSize(7).containsEntry(java.util.Arrays.asList("r9", 1), null);
            joined.remove(java.util.Arrays.asList("r9", 1));
            assertThat(joined).isEqualTo(spark);
        }
    }

    @Test
    void interpolatesBetweenClosestRanks() {
        Dataset<Row> values = SharedSpark.get().createDataFrame(List.of(
                RowFactory.create("r", 0, 40.0), RowFactory.create("r", 0, 10.0),
                RowFactory.create("r", 0, null), RowFactory.create("r", 0, 30.0),
                RowFactory.create("r", 0, 20.0)), SCHEMA);
        Row r = ExactPercentiles.of(values, List.of("run_uid"), "v", "pct", 0.5, 0.9, 0).collectAsList().get(0);
        // n = 4: idx 1.5 -> 25, idx 2.7 -> 30 + 0.7 * 10, idx 0 -> 10
        assertThat(r.<Double>getList(1).get(0)).isEqualTo(25.0);
        assertThat(r.<Double>getList(1).get(1)).isCloseTo(37.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.<Double>getList(1).get(2)).isEqualTo(10.0);
    }

    @Test
    void rejectsPercentilesOutsideZeroToOne() {
        assertThatThrownBy(() -> ExactPercentiles.of(randomValues(1), List.of("run_uid"), "v", "pct", 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
