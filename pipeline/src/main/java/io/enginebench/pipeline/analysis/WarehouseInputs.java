package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.warehouse.Warehouse;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The analyses' inputs read from the live snapshot of a {@link Warehouse}. */
public final class WarehouseInputs {
    private WarehouseInputs() {}

    public static AnalysisInputs of(Warehouse w) {
        return new AnalysisInputs() {
            @Override public Dataset<Row> runs() { return w.table(WarehouseTable.RUNS.tableName()); }

            @Override public Dataset<Row> requests() { return w.table(WarehouseTable.REQUESTS.tableName()); }

            @Override public Dataset<Row> engineMetrics() { return w.table(WarehouseTable.ENGINE_METRICS.tableName()); }

            @Override public Dataset<Row> dataQuality() { return w.table(WarehouseTable.DATA_QUALITY.tableName()); }
        };
    }
}
