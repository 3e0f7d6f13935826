package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.duckdb.DuckDbQueryEngine;
import io.enginebench.pipeline.sql.spark.SparkQueryEngine;

import java.util.List;

/**
 * The {@link TestWarehouse} behind each engine, for tests that run once per engine: Spark over its temp views, DuckDB
 * over the same rows on disk ({@link ParquetTestWarehouse}).
 */
public final class TestEngines {
    /** The engines a test runs on, by name ({@code @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")}). */
    public static final List<String> NAMES = List.of(EngineChoice.duckdb.name(), EngineChoice.spark.name());

    private TestEngines() {}

    /** A new engine over the test warehouse; the caller closes it. */
    public static QueryEngine open(String engine) {
        return switch (EngineChoice.valueOf(engine)) {
            case spark -> SparkQueryEngine.over(SharedSpark.get(), new TestWarehouse());
            case duckdb -> DuckDbQueryEngine.open(ParquetTestWarehouse.root().toString());
            case auto -> throw new IllegalArgumentException("name an engine");
        };
    }
}
