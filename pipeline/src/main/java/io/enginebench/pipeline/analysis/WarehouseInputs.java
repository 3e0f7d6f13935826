package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The analyses' inputs read from the live snapshot of a {@link Warehouse}. */
public final class WarehouseInputs {
    private WarehouseInputs() {}

    public static AnalysisInputs of(Warehouse w) {
        return new AnalysisInputs() {
            @Override public Dataset<Row> runs() { return w.table("runs"); }

            @Override public Dataset<Row> requests() { return w.table("requests"); }

            @Override public Dataset<Row> engineMetrics() { return w.table("engine_metrics"); }

            @Override public Dataset<Row> dataQuality() { return w.table("data_quality"); }

            @Override public Dataset<Row> chunks() { return w.spark().table("chunks"); }
        };
    }
}
