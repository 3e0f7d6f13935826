package io.enginebench.trace;

/**
 * One row of {@code engine_metrics.parquet}: one sample of one series scraped from the engine while the run was going.
 *
 * @param tNs     offset from the run epoch when the scrape response arrived
 * @param source  {@code prometheus}, {@code server_info} or {@code gpu}
 * @param name    normalised name (e.g. {@code kv_cache_usage}, {@code requests_waiting}); see the alias table
 * @param rawName the series name as the engine exported it (e.g. {@code vllm:gpu_cache_usage_perc})
 * @param labels  the series' labels in Prometheus syntax, sorted by key ({@code engine="0",model_name="x"}); empty if none
 */
public record EngineMetricSample(String runId, long tNs, String source, String name, String rawName,
                                 String labels, double value) {
}
