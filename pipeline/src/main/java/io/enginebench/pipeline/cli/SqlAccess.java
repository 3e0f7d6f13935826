package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.sql.spark.WarehouseViews;
import io.enginebench.pipeline.steps.PipelineSteps;

/** Where the SQL commands (sql-server, notebook, the sql shell) get the warehouse views from. */
final class SqlAccess {
    private SqlAccess() {}

    /** The warehouse's tables and views, registered the one way every step registers them. */
    static WarehouseViews warehouseViews(String warehouse) {
        return spark -> PipelineSteps.on(() -> spark, warehouse).views();
    }
}
