package io.enginebench.loadgen.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextParserTest {
    private final PrometheusTextParser parser = new PrometheusTextParser();
    private final MetricAliases aliases = new MetricAliases();

    static String resource(String path) throws IOException {
        try (InputStream in = PrometheusTextParserTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The body of a raw HTTP capture (after the blank line ending the headers). */
    static String body(String capture) {
        int i = capture.indexOf("\r\n\r\n");
        return i >= 0 ? capture.substring(i + 4) : capture.substring(capture.indexOf("\n\n") + 2);
    }

    private static PrometheusSample only(List<PrometheusSample> samples, String name) {
        List<PrometheusSample> found = samples.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }

    @Test
    void llamaCppCapture() throws IOException {
        PrometheusTextParser.Result r = parser.parse(body(resource("/wire-captures/llamacpp-metrics.http")));
        assertThat(r.malformedLines()).isZero();
        assertThat(r.samples()).hasSize(12);
        assertThat(only(r.samples(), "llamacpp:kv_cache_usage_ratio").value()).isEqualTo(0.00469971);
        assertThat(only(r.samples(), "llamacpp:tokens_predicted_total").value()).isEqualTo(33);
        assertThat(only(r.samples(), "llamacpp:requests_processing").labels()).isEmpty();

        Map<String, Double> normalised = r.samples().stream()
                .filter(s -> aliases.normalise(s.name()).isPresent())
                .collect(Collectors.toMap(s -> aliases.normalise(s.name()).get(), PrometheusSample::value));
        assertThat(normalised).containsOnlyKeys("kv_cache_usage", "requests_running", "requests_waiting",
                "prompt_tokens_total", "generation_tokens_total");
        assertThat(normalised.get("prompt_tokens_total")).isEqualTo(48);
    }

    @Test
    void vllmAndSglangSample() throws IOException {
        PrometheusTextParser.Result r = parser.parse(resource("/metrics/vllm-sglang-sample.prom"));
        assertThat(r.malformedLines()).isEqualTo(1);

        PrometheusSample kv = only(r.samples(), "vllm:kv_cache_usage_perc");
        assertThat(kv.labelsText()).isEqualTo("engine=\"0\",model_name=\"Qwen/Qwen3-0.6B\""); // sorted by key
        assertThat(kv.value()).isEqualTo(0.4375);

        PrometheusSample info = only(r.samples(), "vllm:cache_config_info");
        assertThat(info.labels().get("note")).isEqualTo("say \"hi\"\\n");
        assertThat(info.labelsText()).isEqualTo("block_size=\"16\",cache_dtype=\"auto\",note=\"say \\\"hi\\\"\\\\n\"");

        PrometheusSample inf = r.samples().stream()
                .filter(s -> "+Inf".equals(s.labels().get("le"))).findFirst().orElseThrow();
        assertThat(inf.value()).isEqualTo(40.0);
        assertThat(only(r.samples(), "sglang:cache_hit_rate").value()).isNaN();
        assertThat(only(r.samples(), "sglang:token_usage").timestampMs()).isEqualTo(1717000000000L);

        assertThat(aliases.normalise("vllm:kv_cache_usage_perc")).contains("kv_cache_usage");
        assertThat(aliases.normalise("vllm:gpu_cache_usage_perc")).contains("kv_cache_usage");
        assertThat(aliases.normalise("vllm:prefix_cache_queries_total")).contains("prefix_cache_queries_total");
        assertThat(aliases.normalise("vllm:prefix_cache_queries")).contains("prefix_cache_queries_total");
        assertThat(aliases.normalise("vllm:gpu_prefix_cache_hits")).contains("prefix_cache_hits_total");
        assertThat(aliases.normalise("vllm:gpu_prefix_cache_hits_total")).contains("prefix_cache_hits_total");
        assertThat(aliases.normalise("vllm:spec_decode_num_draft_tokens_total")).contains("spec_draft_tokens_total");
        assertThat(aliases.normalise("vllm:spec_decode_num_accepted_tokens")).contains("spec_accepted_tokens_total");
        assertThat(aliases.normalise("vllm:num_requests_waiting")).contains("requests_waiting");
        assertThat(aliases.normalise("vllm:time_to_first_token_seconds_sum")).contains("ttft_seconds_sum");
        assertThat(aliases.normalise("vllm:time_to_first_token_seconds_bucket")).isEmpty();
        assertThat(aliases.normalise("sglang:token_usage")).contains("kv_cache_usage");
        assertThat(aliases.normalise("sglang:num_queue_reqs")).contains("requests_waiting");
        assertThat(aliases.normalise("sglang:num_running_reqs")).contains("requests_running");
        assertThat(aliases.normalise("sglang:cache_hit_rate")).contains("prefix_cache_hit_rate");
        assertThat(aliases.normalise("sglang:spec_accept_length")).contains("spec_accept_length");
        assertThat(aliases.normalise("vllm:not_a_series_we_keep")).isEqualTo(Optional.empty());
    }

    @Test
    void edgeCasesOfTheLineSyntax() {
        assertThat(PrometheusTextParser.parseLine("m 1")).isEqualTo(new PrometheusSample("m", Map.of(), 1.0));
        assertThat(PrometheusTextParser.parseLine("m{} -Inf").value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PrometheusTextParser.parseLine("m{a=\"x,y}\",} 2.5e3").labels()).containsEntry("a", "x,y}");
        assertThat(PrometheusTextParser.parseLine("m{a=\"x\"} 2.5e3").value()).isEqualTo(2500.0);
        assertThat(PrometheusTextParser.parseLine("m{a=\"unterminated} 1")).isNull();
        assertThat(PrometheusTextParser.parseLine("m notanumber")).isNull();
        assertThat(PrometheusTextParser.parseLine("m 1 2 3")).isNull();
        assertThat(parser.parse("a 1\r\n# comment\r\n\r\nb 2\r\n").samples()).extracting(PrometheusSample::name)
                .containsExactly("a", "b");
    }
}
