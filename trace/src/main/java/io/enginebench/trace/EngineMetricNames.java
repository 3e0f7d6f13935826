package io.enginebench.trace;

import java.util.List;

/**
 * Normalised engine-metric names of {@code engine_metrics.parquet} (column {@code name}): the load generator maps each
 * engine's own series onto them, the pipeline reads them. Counters end in {@code _total}; the rest are gauges.
 */
public final class EngineMetricNames {
    public static final String KV_CACHE_USAGE = "kv_cache_usage";
    public static final String REQUESTS_RUNNING = "requests_running";
    public static final String REQUESTS_WAITING = "requests_waiting";
    public static final String PROMPT_TOKENS = "prompt_tokens_total";
    public static final String GENERATION_TOKENS = "generation_tokens_total";
    /** Prompt tokens looked up in the prefix cache (vLLM); where an engine has no such counter, its prompt tokens. */
    public static final String PREFIX_CACHE_QUERIES = "prefix_cache_queries_total";
    /** Prompt tokens found in the prefix cache (vLLM's hits, SGLang's cached tokens). */
    public static final String PREFIX_CACHE_HITS = "prefix_cache_hits_total";
    /** The engine's own hit-rate gauge (vLLM V0, SGLang): used when the counters are missing. */
    public static final String PREFIX_CACHE_HIT_RATE = "prefix_cache_hit_rate";
    public static final String SPEC_DRAFT_TOKENS = "spec_draft_tokens_total";
    public static final String SPEC_ACCEPTED_TOKENS = "spec_accepted_tokens_total";
    public static final String SPEC_DRAFTS = "spec_drafts_total";
    /** Accepted / drafted tokens as a gauge (vLLM V0's draft acceptance rate, SGLang's spec_accept_rate). */
    public static final String SPEC_ACCEPT_RATE = "spec_accept_rate";
    /** Mean tokens emitted per speculative step as a gauge (SGLang's spec_accept_length). */
    public static final String SPEC_ACCEPT_LENGTH = "spec_accept_length";

    /** Any one of these gives a run's prefix-cache hit rate. */
    public static final List<String> PREFIX_CACHE_EVIDENCE = List.of(PREFIX_CACHE_HITS, PREFIX_CACHE_HIT_RATE);
    /** Any one of these shows that the engine drafted tokens. */
    public static final List<String> SPEC_EVIDENCE =
            List.of(SPEC_DRAFT_TOKENS, SPEC_ACCEPTED_TOKENS, SPEC_ACCEPT_RATE, SPEC_ACCEPT_LENGTH);

    private EngineMetricNames() {}
}
