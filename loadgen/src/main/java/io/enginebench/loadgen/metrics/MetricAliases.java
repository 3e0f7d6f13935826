package io.enginebench.loadgen.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Engine series names → the normalised names of the trace contract. vLLM renamed several series across versions
 * (and Prometheus clients add {@code _total} to counters), so several raw names map to one normalised name; the raw
 * name is stored next to it. Series not in the table are not recorded.
 */
public final class MetricAliases {
    private final Map<String, String> table = new HashMap<>();

    public MetricAliases() {
        // vLLM (V0 and V1 names)
        alias("kv_cache_usage", "vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc");
        alias("requests_running", "vllm:num_requests_running");
        alias("requests_waiting", "vllm:num_requests_waiting");
        counter("prefix_cache_queries_total", "vllm:prefix_cache_queries", "vllm:gpu_prefix_cache_queries");
        counter("prefix_cache_hits_total", "vllm:prefix_cache_hits", "vllm:gpu_prefix_cache_hits");
        alias("prefix_cache_hit_rate", "vllm:gpu_prefix_cache_hit_rate");
        counter("spec_draft_tokens_total", "vllm:spec_decode_num_draft_tokens");
        counter("spec_accepted_tokens_total", "vllm:spec_decode_num_accepted_tokens");
        counter("spec_drafts_total", "vllm:spec_decode_num_drafts");
        counter("prompt_tokens_total", "vllm:prompt_tokens");
        counter("generation_tokens_total", "vllm:generation_tokens");
        histogramTotals("ttft_seconds", "vllm:time_to_first_token_seconds");
        histogramTotals("itl_seconds", "vllm:time_per_output_token_seconds", "vllm:inter_token_latency_seconds");
        histogramTotals("tpot_seconds", "vllm:request_time_per_output_token_seconds");
        // SGLang
        alias("kv_cache_usage", "sglang:token_usage");
        alias("requests_running", "sglang:num_running_reqs");
        alias("requests_waiting", "sglang:num_queue_reqs");
        alias("prefix_cache_hit_rate", "sglang:cache_hit_rate");
        alias("spec_accept_length", "sglang:spec_accept_length", "sglang:avg_spec_accept_length");
        counter("prompt_tokens_total", "sglang:prompt_tokens");
        counter("generation_tokens_total", "sglang:generation_tokens");
        histogramTotals("ttft_seconds", "sglang:time_to_first_token_seconds");
        histogramTotals("itl_seconds", "sglang:inter_token_latency_seconds", "sglang:time_per_output_token_seconds");
        // llama.cpp
        alias("kv_cache_usage", "llamacpp:kv_cache_usage_ratio");
        alias("requests_running", "llamacpp:requests_processing");
        alias("requests_waiting", "llamacpp:requests_deferred");
        alias("prompt_tokens_total", "llamacpp:prompt_tokens_total");
        alias("generation_tokens_total", "llamacpp:tokens_predicted_total");
    }

    /** The normalised name for an engine's series name, if it is one EngineBench records. */
    public Optional<String> normalise(String rawName) {
        return Optional.ofNullable(table.get(rawName));
    }

    private void alias(String normalised, String... raw) {
        for (String r : raw) {
            table.put(r, normalised);
        }
    }

    /** A counter appears with and without the {@code _total} suffix depending on the client library version. */
    private void counter(String normalised, String... raw) {
        for (String r : raw) {
            table.put(r, normalised);
            table.put(r + "_total", normalised);
        }
    }

    /** Histograms: only their running sum and count are kept (means over an interval), not the buckets. */
    private void histogramTotals(String normalised, String... raw) {
        for (String r : raw) {
            table.put(r + "_sum", normalised + "_sum");
            table.put(r + "_count", normalised + "_count");
        }
    }
}
