package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

class StatsPercentilesTest {
    private static final StructType SCHEMA = new StructType()
            .add("g", DataTypes.IntegerType).add("v", DataTypes.DoubleType);

    @Test
    void equalSparkPercentileBitForBitWithTiesNullsAndEmptyGroups() {
        Random rnd = new Random(11);
        List<Row> rows = new ArrayList<>();
        int[] sizes = {1, 2, 3, 7, 100, 801, 5000};
        for (int g = 0; g < sizes.length; g++) {
            for (int i = 0; i < sizes[g]; i++) {
                Double v = rnd.nextInt(10) == 0 ? null
                        : rnd.nextBoolean() ? (double) rnd.nextInt(20) : rnd.nextGaussian() * 50;
                rows.add(RowFactory.create(g, v));
            }
        }
        rows.add(RowFactory.create(99, null));   // a group with no value: null, as percentile() gives
        Dataset<Row> df = SharedSpark.get().createDataFrame(rows, SCHEMA).repartition(3);
        Map<Integer, List<Object>> spark = byGroup(df.groupBy("g")
                .agg(expr("percentile(v, array(0, 0.01, 0.5, 0.9, 0.95, 0.99, 1))").as("p")));
        Map<Integer, List<Object>> ours = byGroup(df.groupBy("g")
                .agg(Stats.percentiles(col("v"), 0, 0.01, 0.5, 0.9, 0.95, 0.99, 1).as("p")));
        assertThat(ours).isEqualTo(spark).hasSize(sizes.length + 1);
    }

    private static Map<Integer, List<Object>> byGroup(Dataset<Row> df) {
        Map<Integer, List<Object>> out = new HashMap<>();
        for (Row r : df.collectAsList()) out.put(r.getInt(0), r.isNullAt(1) ? null : r.getList(1));
        return out;
    }
}
