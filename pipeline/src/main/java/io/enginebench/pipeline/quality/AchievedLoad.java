package io.enginebench.pipeline.quality;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The load a level actually ran at, as aggregates over its measured requests (failed ones included: they held a slot
 * while in flight). One definition for the ingest's label rules and for {@code run_summary}'s columns.
 */
public final class AchievedLoad {
    private AchievedLoad() {}

    /**
     * Mean requests in flight = Σ(completed_ns − sent_ns) / (max(completed_ns) − min(sent_ns)): the busy time of all
     * requests over the level's window, the same window as run_summary's throughput.
     */
    public static Column concurrency() {
        return sum(col("completed_ns").minus(col("sent_ns")))
                .divide(max("completed_ns").minus(min("sent_ns")));
    }

    /** Arrival rate in req/s = (n − 1) / (max(sent_ns) − min(sent_ns)), null below two sent requests. */
    public static Column rate() {
        Column n = count(col("sent_ns"));
        return when(n.geq(2), n.minus(1).multiply(1e9).divide(max("sent_ns").minus(min("sent_ns"))));
    }
}
