package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.spark.Sessions;
import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.duckdb.DuckDbQueryEngine;
import io.enginebench.pipeline.sql.spark.SparkQueryEngine;

/**
 * Opens the query engine a SQL command asked for over a warehouse: the one place that knows how each engine gets the
 * warehouse's views. Spark's classes are touched only on the Spark branch, so a DuckDB command never loads them.
 */
public final class SqlEngines {
    private SqlEngines() {}

    /** The engine for {@code choice} ({@link EngineChoice#auto} resolved by location) over {@code warehouse}. */
    public static QueryEngine open(EngineChoice choice, String warehouse, String appName) {
        return switch (choice.resolve(warehouse)) {
            case spark -> SparkEngine.open(warehouse, appName);
            case duckdb, auto -> DuckDbQueryEngine.open(warehouse);
        };
    }

    /** Spark's side, in its own class so that resolving {@link #open} loads no Spark type. */
    private static final class SparkEngine {
        static QueryEngine open(String warehouse, String appName) {
            return SparkQueryEngine.over(Sessions.getOrCreate(appName), SqlAccess.warehouseViews(warehouse));
        }
    }
}
