package io.enginebench.loadgen.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.enginebench.trace.EngineMetricNames.*;

/**
 * Engine series names → the normalised names of the trace contract. vLLM renamed several series across versions
 * (and Prometheus clients add {@code _total} to counters), so several raw names map to one normalised name; the raw
 * name is stored next to it. Series not in the table are not recorded.
 */
public final class MetricAliases {
    private final Map<String, String> table = new HashMap<>();

    public MetricAliases() {
        // vLLM: V1 names (0.10+: kv_cache_usage_perc, prefix_cache_*), earlier V1 (gpu_*) and V0 (gauges only)
        alias(KV_CACHE_USAGE, "vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc");
        alias(REQUESTS_RUNNING, "vllm:num_requests_running");
        alias(REQUESTS_WAITING, "vllm:num_requests_waiting");
        counter(PREFIX_CACHE_QUERIES, "vllm:prefix_cache_queries", "vllm:gpu_prefix_cache_queries");
        counter(PREFIX_CACHE_HITS, "vllm:prefix_cache_hits", "vllm:gpu_prefix_cache_hits");
        alias(PREFIX_CACHE_HIT_RATE, "vllm:gpu_prefix_cache_hit_rate");
        counter(SPEC_DRAFT_TOKENS, "vllm:spec_decode_num_draft_tokens");
        counter(SPEC_ACCEPTED_TOKENS, "vllm:spec_decode_num_accepted_tokens");
        counter(SPEC_DRAFTS, "vllm:spec_decode_num_drafts");
        alias(SPEC_ACCEPT_RATE, "vllm:spec_decode_draft_acceptance_rate");
        counter(PROMPT_TOKENS, "vllm:prompt_tokens");
        counter(GENERATION_TOKENS, "vllm:generation_tokens");
        histogramTotals("ttft_seconds", "vllm:time_to_first_token_seconds");
        histogramTotals("itl_seconds", "vllm:time_per_output_token_seconds", "vllm:inter_token_latency_seconds");
        histogramTotals("tpot_seconds", "vllm:request_time_per_output_token_seconds");
        // SGLang (served only with --enable-metrics). No drafted-token counters: speculation shows in its gauges;
        // cached_tokens counts prompt tokens served from the radix cache, so with prompt_tokens it gives the hit rate.
        alias(KV_CACHE_USAGE, "sglang:token_usage");
        alias(REQUESTS_RUNNING, "sglang:num_running_reqs");
        alias(REQUESTS_WAITING, "sglang:num_queue_reqs");
        alias(PREFIX_CACHE_HIT_RATE, "sglang:cache_hit_rate");
        counter(PREFIX_CACHE_HITS, "sglang:cached_tokens");
        alias(SPEC_ACCEPT_LENGTH, "sglang:spec_accept_length");
        alias(SPEC_ACCEPT_RATE, "sglang:spec_accept_rate");
        counter(PROMPT_TOKENS, "sglang:prompt_tokens");
        counter(GENERATION_TOKENS, "sglang:generation_tokens");
        histogramTotals("ttft_seconds", "sglang:time_to_first_token_seconds");
        histogramTotals("itl_seconds", "sglang:inter_token_latency_seconds", "sglang:time_per_output_token_seconds");
        // llama.cpp
        alias(KV_CACHE_USAGE, "llamacpp:kv_cache_usage_ratio");
        alias(REQUESTS_RUNNING, "llamacpp:requests_processing");
        alias(REQUESTS_WAITING, "llamacpp:requests_deferred");
        alias(PROMPT_TOKENS, "llamacpp:prompt_tokens_total");
        alias(GENERATION_TOKENS, "llamacpp:tokens_predicted_total");
    }

    /** Every engine series name in the table, for checks against the engines' own definitions. */
    public java.util.Set<String> rawNames() {
        return java.util.Collections.unmodifiableSet(table.keySet());
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
