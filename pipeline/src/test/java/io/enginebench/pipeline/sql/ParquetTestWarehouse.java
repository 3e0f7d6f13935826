package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TestWarehouse}'s tables written once as a real warehouse on disk (a snapshot of the base tables and three
 * derived tables, by {@link Warehouse} itself), so that both engines read the same Parquet files.
 */
public final class ParquetTestWarehouse {
    static final List<String> DERIVED = List.of("run_summary", "prefix_cache", "data_quality_summary");
    private static Path root;

    private ParquetTestWarehouse() {}

    /** The warehouse's root, written on first use. */
    public static synchronized Path root() {
        if (root != null) return root;
        SparkSession spark = SharedSpark.get();
        new TestWarehouse().register(spark);
        Map<String, Dataset<Row>> base = new LinkedHashMap<>();
        for (String t : Tables.BASE) base.put(t, spark.table(t));
        Map<String, Dataset<Row>> derived = new LinkedHashMap<>();
        for (String t : DERIVED) derived.put(t, spark.table(t));
        try {
            Path dir = Files.createTempDirectory("parquet-test-warehouse");
            Warehouse w = Warehouse.open(spark, dir.toString());
            w.commitSnapshot(base);
            w.writeDerived(derived);
            root = dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** The warehouse's views (re)registered in the shared session, as {@code bench sql --engine spark} has them. */
    public static SparkSession sparkWithViews() {
        SparkSession spark = SharedSpark.get();
        PipelineSteps.on(() -> spark, root().toString()).views();
        return spark;
    }
}
