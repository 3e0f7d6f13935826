package io.enginebench.pipeline.analysis;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Receives every derived table by name (the warehouse writes them as a whole: Parquet + CSV). */
@FunctionalInterface
public interface DerivedSink {
    void write(Map<String, Dataset<Row>> tables);
}
