package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.SparkSession;

/** What {@code bench analyze} needs from a warehouse: its base tables in, its derived tables out. */
public interface AnalysisWarehouse {
    interface Connection extends AnalysisInputs, DerivedSink {}

    Connection open(SparkSession spark, String warehouseDir);
}
