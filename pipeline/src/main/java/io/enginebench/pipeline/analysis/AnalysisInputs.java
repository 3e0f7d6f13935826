package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The base tables of docs/WAREHOUSE.md that the analyses read; the warehouse supplies them. */
public interface AnalysisInputs {
    Dataset<Row> runs();

    Dataset<Row> requests();

    Dataset<Row> engineMetrics();

    Dataset<Row> dataQuality();
}
