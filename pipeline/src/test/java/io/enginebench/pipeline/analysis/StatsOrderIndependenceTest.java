package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Same values, same bits: a derived number must not depend on how Spark happened to partition its inputs. */
class StatsOrderIndependenceTest {
    private static final StructType SCHEMA = new StructType()
            .add("g", DataTypes.IntegerType).add("v", DataTypes.DoubleType);

    /** Two single-partition frames unioned: each is summed on its own, then the partial sums are added. */
    private static Dataset<Row> partitioned(List<Double> first, List<Double> second) {
        return frame(first).union(frame(second));
    }

    private static Dataset<Row> frame(List<Double> values) {
        return SharedSpark.get().createDataFrame(values.stream().map(v -> RowFactory.create(1, v)).toList(), SCHEMA)
                .coalesce(1);
    }

    private static Row moments(Dataset<Row> df) {
        return df.groupBy("g").agg(Stats.sum(col("v")).as("sum"), Stats.moments(col("v"))).collectAsList().get(0);
    }

    @Test
    void meanSdAndSumAreTheSameBitsWhateverThePartitioning() {
        // the same four values split two ways: summed per partition first, 1e16 + 1 loses the 1, 1e16 − 1e16 does not
        Row a = moments(partitioned(List.of(1e16, -1e16), List.of(1.0, 1.0)));
        Row b = moments(partitioned(List.of(1e16, 1.0), List.of(-1e16, 1.0)));
        for (String c : List.of("sum", "mean", "sd")) {
            assertThat(Double.doubleToRawLongBits(a.getAs(c))).as(c)
                    .isEqualTo(Double.doubleToRawLongBits(b.getAs(c)));
        }
    }

    @Test
    void valuesAreTheTextbookOnes() {
        Row r = moments(partitioned(List.of(2.0, 4.0, 4.0, 4.0), Arrays.asList(5.0, 5.0, 7.0, 9.0, null)));
        assertThat(r.<Long>getAs("n")).isEqualTo(8L);
        assertThat(r.<Double>getAs("sum")).isEqualTo(40.0);
        assertThat(r.<Double>getAs("mean")).isEqualTo(5.0);
        assertThat(r.<Double>getAs("sd")).isCloseTo(Math.sqrt(32.0 / 7), within(1e-15));
        Row one = moments(frame(List.of(3.0)));
        assertThat(one.<Double>getAs("mean")).isEqualTo(3.0);
        assertThat(one.isNullAt(one.fieldIndex("sd"))).isTrue();   // undefined for n < 2
    }
}
