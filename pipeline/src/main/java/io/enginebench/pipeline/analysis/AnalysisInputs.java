package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The base tables of docs/WAREHOUSE.md that the analyses read; the warehouse supplies them. */
public interface AnalysisInputs {
    Dataset<Row> runs();

    Dataset<Row> requests();

    Dataset<Row> engineMetrics();

    Dataset<Row> dataQuality();

    /** The {@code chunks} view; by default derived from the requests' chunk arrays as WAREHOUSE.md describes. */
    default Dataset<Row> chunks() {
        return requests()
                .select(col("run_uid"), col("request_index"), col("chunk_offsets_ns"),
                        expr("posexplode(arrays_zip(chunk_offsets_ns, chunk_tokens)) as (chunk_index, c)"))
                .select(col("run_uid"), col("request_index"), col("chunk_index"),
                        col("c.chunk_offsets_ns").as("offset_ns"), col("c.chunk_tokens").as("tokens"),
                        expr("c.chunk_offsets_ns - get(chunk_offsets_ns, chunk_index - 1)").as("gap_ns"));
    }
}
