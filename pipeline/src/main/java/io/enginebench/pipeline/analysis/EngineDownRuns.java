package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.quality.Rules;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * Runs the engine died under (data-quality rules {@link Rules#ENGINE_DOWN}): kept in run_summary and requests, left
 * out of what compares runs with each other.
 */
final class EngineDownRuns {
    private EngineDownRuns() {}

    /** {@code perRun} without the rows of runs flagged in {@code dataQuality}; the same frame when none is. */
    static Dataset<Row> without(Dataset<Row> perRun, Dataset<Row> dataQuality) {
        List<String> down = dataQuality.filter(col("rule").isin(Rules.ENGINE_DOWN.toArray()))
                .select("run_uid").distinct().as(Encoders.STRING()).collectAsList();
        // a filter only when there is something to drop, so every other snapshot derives exactly as before
        return down.isEmpty() ? perRun : perRun.filter(not(col("run_uid").isin(down.toArray())));
    }
}
