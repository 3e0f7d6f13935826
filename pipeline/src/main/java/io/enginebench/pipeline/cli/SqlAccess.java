package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.sql.WarehouseViews;
import io.enginebench.pipeline.warehouse.SqlViews;
import io.enginebench.pipeline.warehouse.Warehouse;

/** Where the SQL commands (sql-server, notebook, the sql shell) get the warehouse views from. */
final class SqlAccess {
    private SqlAccess() {}

    static WarehouseViews warehouseViews(String warehouse) {
        return spark -> {
            Warehouse.open(spark, warehouse);
            SqlViews.register(spark);   // ad-hoc SQL may ask for the views too
        };
    }
}
