package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

/**
 * Engine gauges over a run: the mean of a run's samples of each name. Where an engine exports a ratio only as a gauge
 * (SGLang's cache hit rate and speculative acceptance), this is the run's figure.
 */
public final class RunGauges {
    private RunGauges() {}

    /**
     * One row per run with a column per gauge (null when the engine did not export it).
     *
     * @param positiveOnly average only samples above zero: speculative gauges read 0 until the engine has logged a
     *                     speculative step, which is "not yet measured", not "nothing accepted"
     */
    public static Dataset<Row> wide(Dataset<Row> engineMetrics, List<String> names, boolean positiveOnly) {
        return engineMetrics.filter(col("name").isin(names.toArray()))
                .groupBy("run_uid").pivot("name", names.stream().map(n -> (Object) n).toList())
                .agg(Stats.mean(positiveOnly ? when(col("value").gt(0), col("value")) : col("value")));
    }
}
