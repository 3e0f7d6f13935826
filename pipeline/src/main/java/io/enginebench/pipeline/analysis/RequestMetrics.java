package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/** Per-request metrics of METRICS.md, in ms, for measured requests. Latencies are null for failed requests. */
public final class RequestMetrics {
    /** Open loop (a target rate): latency counts from the scheduled send, so a late send is not hidden. */
    public static final String SCHEDULED = "scheduled";
    /** Closed loop: the next request is sent when one completes, so latency counts from the actual send. */
    public static final String SENT = "sent";
    private static final double NS_PER_MS = 1e6;

    private RequestMetrics() {}

    /**
     * Measured requests with ok, ttft_ms, ttft_sched_ms, e2e_ms, e2e_sched_ms, tpot_ms, latency_basis and the columns
     * analyses group by.
     */
    public static Dataset<Row> measured(Dataset<Row> requests) {
        Column ok = col("outcome").equalTo("ok");
        return requests.filter(col("phase").equalTo("measured"))
                .select(col("run_uid"), col("request_index"), col("level_index"), col("concurrency"),
                        col("target_rate"), col("arm"), col("sent_ns"), col("completed_ns"),
                        col("completion_tokens"), col("prompt_tokens"), col("cached_tokens"),
                        col("content_chunk_count"), col("structured_valid"), ok.as("ok"),
                        okOnly(ok, col("first_token_ns").minus(col("sent_ns"))).as("ttft_ms"),
                        okOnly(ok, col("first_token_ns").minus(col("scheduled_ns"))).as("ttft_sched_ms"),
                        okOnly(ok, col("completed_ns").minus(col("sent_ns"))).as("e2e_ms"),
                        okOnly(ok, col("completed_ns").minus(col("scheduled_ns"))).as("e2e_sched_ms"),
                        when(col("target_rate").isNotNull(), lit(SCHEDULED)).otherwise(lit(SENT)).as("latency_basis"),
                        when(ok.and(col("completion_tokens").gt(1)),
                                col("last_token_ns").minus(col("first_token_ns"))
                                        .divide(col("completion_tokens").minus(1)).divide(NS_PER_MS))
                                .as("tpot_ms"));
    }

    /** The latency a comparison uses for this request: scheduled-based when open loop, else sent-based. */
    public static Column compared(String sentBased, String scheduledBased) {
        return when(col("latency_basis").equalTo(SCHEDULED), col(scheduledBased)).otherwise(col(sentBased));
    }

    private static Column okOnly(Column ok, Column deltaNs) {
        return when(ok, deltaNs.divide(NS_PER_MS)).otherwise(lit(null));
    }
}
