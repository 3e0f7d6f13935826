package io.enginebench.loadgen.sim.http;

import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SpecConfig;
import io.enginebench.loadgen.sim.engine.Histogram;
import io.enginebench.loadgen.sim.engine.MetricsSnapshot;

import java.util.Locale;

/**
 * Renders a {@link MetricsSnapshot} as Prometheus text exposition with the metric names of the imitated engine
 * (vLLM V1 names, SGLang's {@code sglang:*} names; each name and type as in the engine's own metrics module, checked by
 * EngineMetricDefinitionsTest), every series labelled {@code model_name}.
 */
final class MetricsText {
    private final Personality personality;
    private final String label;
    private final SpecConfig spec;

    MetricsText(Personality personality, String model, SpecConfig spec) {
        this.personality = personality;
        this.label = "model_name=\"" + model.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        this.spec = spec;
    }

    String render(MetricsSnapshot s) {
        StringBuilder b = new StringBuilder(8192);
        if (personality == Personality.VLLM) vllm(b, s);
        else sglang(b, s);
        return b.toString();
    }

    private void vllm(StringBuilder b, MetricsSnapshot s) {
        gauge(b, "vllm:num_requests_running", "Number of requests in model execution batches.", s.running());
        gauge(b, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", s.waiting());
        gauge(b, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", s.kvUsage());
        counter(b, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", s.promptTokens());
        counter(b, "vllm:generation_tokens_total", "Number of generation tokens processed.", s.generationTokens());
        counter(b, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.", s.prefixQueries());
        counter(b, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.", s.prefixHits());
        counter(b, "vllm:num_preemptions_total", "Cumulative number of preemptions from the engine.", s.preemptions());
        b.append("# HELP vllm:request_success_total Count of successfully processed requests.\n");
        b.append("# TYPE vllm:request_success_total counter\n");
        b.append("vllm:request_success_total{finished_reason=\"stop\",").append(label).append("} ").append(s.finishedStop()).append('\n');
        b.append("vllm:request_success_total{finished_reason=\"length\",").append(label).append("} ").append(s.finishedLength()).append('\n');
        b.append("vllm:request_success_total{finished_reason=\"abort\",").append(label).append("} ").append(s.finishedAbort()).append('\n');
        if (spec.enabled()) {
            counter(b, "vllm:spec_decode_num_drafts_total", "Number of spec decoding drafts.", s.specDrafts());
            counter(b, "vllm:spec_decode_num_draft_tokens_total", "Number of draft tokens.", s.specDraftTokens());
            counter(b, "vllm:spec_decode_num_accepted_tokens_total", "Number of accepted tokens.", s.specAccepted());
        }
        histogram(b, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", s.ttft());
        histogram(b, "vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", s.interToken());
        histogram(b, "vllm:time_per_output_token_seconds", "Histogram of time per output token in seconds.", s.interToken());
        histogram(b, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", s.e2e());
    }

    private void sglang(StringBuilder b, MetricsSnapshot s) {
        gauge(b, "sglang:num_running_reqs", "The number of running requests.", s.running());
        gauge(b, "sglang:num_queue_reqs", "The number of requests in the waiting queue.", s.waiting());
        gauge(b, "sglang:token_usage", "The token usage.", s.kvUsage());
        gauge(b, "sglang:max_total_num_tokens", "Maximum total number of tokens in the KV cache pool.", s.kvCapacityTokens());
        gauge(b, "sglang:cache_hit_rate", "The prefix cache hit rate.", s.prefixHitRate());
        gauge(b, "sglang:gen_throughput", "The generation throughput (token/s).", s.genThroughput());
        if (spec.enabled()) {
            gauge(b, "sglang:spec_accept_length", "The average acceptance length of speculative decoding.", s.specAcceptLength());
            gauge(b, "sglang:spec_accept_rate", "The average acceptance rate of speculative decoding (`accepted tokens / total draft tokens` in batch).", s.specAcceptRate());
        }
        counter(b, "sglang:prompt_tokens_total", "Number of prefill tokens processed.", s.promptTokens());
        counter(b, "sglang:generation_tokens_total", "Number of generation tokens processed.", s.generationTokens());
        counter(b, "sglang:cached_tokens_total", "Number of cached prompt tokens.", s.prefixHits());
        counter(b, "sglang:num_requests_total", "Number of requests processed.", s.finishedStop() + s.finishedLength() + s.finishedAbort());
        histogram(b, "sglang:time_to_first_token_seconds", "Histogram of time to first token in seconds.", s.ttft());
        histogram(b, "sglang:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", s.interToken());
        histogram(b, "sglang:e2e_request_latency_seconds", "Histogram of End-to-end request latency in seconds", s.e2e());
    }

    private void gauge(StringBuilder b, String name, String help, double v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append('{').append(label).append("} ").append(num(v)).append('\n');
    }

    private void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append('{').append(label).append("} ").append(v).append(".0\n");
    }

    private void histogram(StringBuilder b, String name, String help, Histogram h) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" histogram\n");
        double[] bounds = h.bounds();
        for (int i = 0; i < bounds.length; i++) {
            b.append(name).append("_bucket{").append(label).append(",le=\"").append(num(bounds[i])).append("\"} ")
                    .append(h.cumulative(i)).append(".0\n");
        }
        b.append(name).append("_bucket{").append(label).append(",le=\"+Inf\"} ").append(h.count()).append(".0\n");
        b.append(name).append("_count{").append(label).append("} ").append(h.count()).append(".0\n");
        b.append(name).append("_sum{").append(label).append("} ").append(num(h.sum())).append('\n');
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%.1f", v);
        return Double.toString(v);
    }
}
