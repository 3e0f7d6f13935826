package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/** Increase of engine counters over a run: last − first sample (by t_ns) of each series, summed per run × name. */
public final class CounterDeltas {
    private CounterDeltas() {}

    public static Dataset<Row> perRun(Dataset<Row> engineMetrics, List<String> names) {
        return engineMetrics.filter(col("name").isin(names.toArray()))
                .groupBy("run_uid", "name", "labels")
                .agg(expr("max_by(value, t_ns) - min_by(value, t_ns)").as("delta"))
                .groupBy("run_uid", "name").agg(Stats.sum(col("delta")).as("delta"));
    }

    /** One row per run with a column per counter (null when the engine did not export it). */
    public static Dataset<Row> wide(Dataset<Row> engineMetrics, List<String> names) {
        return perRun(engineMetrics, names).groupBy("run_uid").pivot("name", List.copyOf(names).stream()
                .map(n -> (Object) n).toList()).agg(expr("first(delta)"));
    }
}
