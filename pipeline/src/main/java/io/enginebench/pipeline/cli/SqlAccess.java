package io.enginebench.pipeline.cli;

import java.nio.file.Path;

import io.enginebench.pipeline.sqlserver.ParquetWarehouseViews;
import io.enginebench.pipeline.sqlserver.WarehouseViews;

/** Where the SQL commands (sql-server, notebook, the sql shell) get the warehouse views from: one place to change. */
final class SqlAccess {
    private SqlAccess() {}

    static WarehouseViews warehouseViews(Path dir) {
        return new ParquetWarehouseViews(dir);
    }
}
