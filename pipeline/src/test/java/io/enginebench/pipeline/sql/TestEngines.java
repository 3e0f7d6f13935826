package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.duckdb.DuckDbQueryEngine;
import io.enginebench.pipeline.sql.spark.SparkQueryEngine;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link TestWarehouse} behind each engine: Spark over its temp views, DuckDB over the same rows written once
 * per test JVM as a warehouse directory in the documented layout (CURRENT, snapshots, derived).
 */
public final class TestEngines {
    /** The engines a cross-engine test runs on, by name. */
    public static final List<String> NAMES = List.of(EngineChoice.duckdb.name(), EngineChoice.spark.name());
    static final List<String> BASE_TABLES = List.of("runs", "requests", "engine_metrics", "data_quality", "quarantine");
    static final List<String> DERIVED_TABLES = List.of("run_summary", "prefix_cache", "data_quality_summary");

    private static Path warehouse;

    private TestEngines() {}

    /** A new engine over the test warehouse; the caller closes it. */
    public static QueryEngine open(EngineChoice engine) {
        return switch (engine) {
            case spark -> SparkQueryEngine.over(SharedSpark.get(), new TestWarehouse());
            case duckdb -> DuckDbQueryEngine.open(warehouseOnDisk().toString());
            case auto -> throw new IllegalArgumentException("name an engine");
        };
    }

    public static QueryEngine open(String engine) {
        return open(EngineChoice.valueOf(engine));
    }

    /** The test warehouse as Parquet files on disk, written on first use. */
    public static synchronized Path warehouseOnDisk() {
        if (warehouse != null) return warehouse;
        try {
            Path wh = Files.createTempDirectory("enginebench-test-warehouse");
            SparkSession spark = SharedSpark.get();
            new TestWarehouse().register(spark);
            for (String t : BASE_TABLES) spark.table(t).write().parquet(wh.resolve("snapshots/s1/" + t).toString());
            for (String t : DERIVED_TABLES) spark.table(t).write().parquet(wh.resolve("derived/" + t).toString());
            Files.writeString(wh.resolve("CURRENT"), "s1\n");
            warehouse = wh;
            return wh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
