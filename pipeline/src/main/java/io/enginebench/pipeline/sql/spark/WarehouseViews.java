package io.enginebench.pipeline.sql.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Registers the warehouse tables (runs, requests, chunks, engine_metrics, data_quality, quarantine and the derived
 * tables) as temp views of a session. The SQL endpoint, the shell and notebooks only need "a session whose catalog has
 * these views", so they take this instead of a concrete warehouse reader.
 */
@FunctionalInterface
public interface WarehouseViews {
    void register(SparkSession spark);
}
