package io.enginebench.loadgen.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.config.SpecConfig;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimServerTest {

    private static String completion(String prompt, int maxTokens, boolean ignoreEos, String extra) {
        return "{\"model\":\"sim-fixed\",\"prompt\":" + SimHttp.JSON.valueToTree(prompt) + ",\"max_tokens\":" + maxTokens
                + ",\"ignore_eos\":" + ignoreEos + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" + extra + "}";
    }

    @Test
    void vllmStreamEndsWithUsageEventWithEmptyChoicesThenDone() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(5))) {
            SimHttp http = new SimHttp(sim);
            SimHttp.Stream_ s = http.stream("/v1/completions", completion("hello there", 6, true, ""));
            assertThat(s.status()).isEqualTo(200);
            List<SimHttp.Event> ev = s.events();
            assertThat(ev.get(ev.size() - 1).done()).isTrue();
            JsonNode usageEvent = ev.get(ev.size() - 2).json();
            assertThat(usageEvent.get("choices")).isEmpty();
            assertThat(usageEvent.at("/usage/completion_tokens").asInt()).isEqualTo(6);
            assertThat(usageEvent.at("/usage/prompt_tokens").asInt()).isEqualTo(4); // "hell","o"," ther","e"
            assertThat(usageEvent.at("/usage/prompt_tokens_details/cached_tokens").isInt()).isTrue();
            List<SimHttp.Event> content = ev.subList(0, ev.size() - 2);
            assertThat(content).hasSize(6);
            assertThat(content.get(5).json().at("/choices/0/finish_reason").asText()).isEqualTo("length");
            assertThat(content.get(0).json().at("/choices/0/finish_reason").isNull()).isTrue();
            assertThat(content.get(0).json().get("object").asText()).isEqualTo("text_completion");

            // chat: a role-only opening chunk, then content deltas; continuous usage on every content event
            SimHttp.Stream_ chat = http.stream("/v1/chat/completions", "{\"model\":\"sim-fixed\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}],\"max_tokens\":3,\"ignore_eos\":true,\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":true}}");
            List<SimHttp.Event> ce = chat.events();
            assertThat(ce.get(0).json().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(ce.get(1).json().at("/choices/0/delta/content").asText()).isNotEmpty();
            assertThat(ce.get(1).json().at("/usage/completion_tokens").asInt()).isEqualTo(1);
            assertThat(ce.get(3).json().at("/usage/completion_tokens").asInt()).isEqualTo(3);
            assertThat(ce.get(4).json().get("choices")).isEmpty();
            assertThat(ce.get(5).done()).isTrue();
        }
    }

    @Test
    void sglangPersonalityHasItsOwnShapesAndServerInfo() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.SGLANG, ModelPreset.FIXED).withSpeed(5)
                .withSpec(new SpecConfig(SpecConfig.Method.EAGLE3, 3, 0.5)))) {
            SimHttp http = new SimHttp(sim);
            SimHttp.Stream_ s = http.stream("/v1/completions", completion("a b c", 4, true, ""));
            List<SimHttp.Event> ev = s.events();
            assertThat(ev.get(ev.size() - 1).done()).isTrue();
            assertThat(ev.get(ev.size() - 2).json().get("choices")).isEmpty();
            assertThat(ev.get(0).json().at("/choices/0").has("matched_stop")).isTrue();
            JsonNode info = http.getJson("/get_server_info");
            assertThat(info.get("version").asText()).startsWith("sim-");
            assertThat(info.get("speculative_algorithm").asText()).isEqualTo("EAGLE3");
            assertThat(info.get("model_path").asText()).isEqualTo("sim-fixed");
            assertThat(info.get("max_total_num_tokens").asLong()).isEqualTo(ModelPreset.FIXED.kvCapacityTokens());
            HttpResponse<String> bad = http.post("/v1/completions", "{not json");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(SimHttp.JSON.readTree(bad.body()).at("/error/code").asInt()).isEqualTo(400);
            String metrics = http.get("/metrics").body();
            assertThat(metrics).contains("sglang:num_running_reqs{", "sglang:token_usage{", "sglang:cache_hit_rate{",
                    "sglang:gen_throughput{", "sglang:spec_accept_length{", "sglang:time_to_first_token_seconds_bucket{");
        }
    }

    @Test
    void vllmErrorsModelsVersionAndTokenize() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.TINY_KV))) {
            SimHttp http = new SimHttp(sim);
            HttpResponse<String> bad = http.post("/v1/completions", "{\"prompt\": ");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(SimHttp.JSON.readTree(bad.body()).get("object").asText()).isEqualTo("error");
            HttpResponse<String> unknown = http.post("/v1/completions", "{\"model\":\"gpt-9\",\"prompt\":\"x\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(SimHttp.JSON.readTree(unknown.body()).get("message").asText()).contains("gpt-9");
            HttpResponse<String> tooLong = http.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":5000}");
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(tooLong.body()).contains("maximum context length is 1024");
            assertThat(http.getJson("/v1/models").at("/data/0/owned_by").asText()).isEqualTo("enginebench-sim");
            assertThat(http.getJson("/version").get("version").asText()).startsWith("sim-");
            assertThat(http.get("/health").statusCode()).isEqualTo(200);
            JsonNode tok = http.postJson("/tokenize", "{\"model\":\"sim-tiny-kv\",\"prompt\":\"Hello, wonderful world\"}");
            assertThat(tok.get("count").asInt()).isEqualTo(8); // Hell|o|,| wond|erfu|l| worl|d
            assertThat(tok.get("tokens")).hasSize(8);
            assertThat(tok.get("max_model_len").asInt()).isEqualTo(1024);
            assertThat(http.postJson("/tokenize", "{\"content\":\"Hello, wonderful world\"}").get("count").asInt()).isEqualTo(8);
        }
    }

    @Test
    void fixedPresetTimingsMatchTheConfiguredStep() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED))) {
            SimHttp http = new SimHttp(sim);
            http.stream("/v1/completions", completion("warm up", 3, true, "")); // JIT and connection warm-up
            // the engine's own TTFT of the warm-up (cold JVM) is excluded: only the timed request's share is checked
            double ttftWarmup = SimHttp.metric(http.get("/metrics").body(),
                    "vllm:time_to_first_token_seconds_sum{model_name=\"sim-fixed\"}");
            SimHttp.Stream_ s = http.stream("/v1/completions", completion("time me", 30, true, ""));
            List<SimHttp.Event> content = s.events().subList(0, 30);
            double ttftMs = (content.get(0).nanos() - s.sentNanos()) / 1e6;
            double[] gaps = new double[29];
            for (int i = 1; i < 30; i++) gaps[i - 1] = (content.get(i).nanos() - content.get(i - 1).nanos()) / 1e6;
            java.util.Arrays.sort(gaps);
            // one 10 ms step (the engine is idle) plus loopback and client overhead. A loaded machine makes steps late,
            // never early: lower bounds are tight, upper bounds allow 3× (precision is measured by the simulator
            // benchmark, docs/PERFORMANCE.md)
            assertThat(ttftMs).isBetween(9.0, 150.0);
            // on the client: the median gap is one step
            assertThat(gaps[14]).isBetween(7.0, 30.0);
            // on the engine: the mean inter-token gap it recorded is the step time
            String m = http.get("/metrics").body();
            double sum = SimHttp.metric(m, "vllm:inter_token_latency_seconds_sum{model_name=\"sim-fixed\"}");
            double count = SimHttp.metric(m, "vllm:inter_token_latency_seconds_count{model_name=\"sim-fixed\"}");
            assertThat(count).isEqualTo(2 + 29);
            assertThat(sum / count * 1000).isBetween(8.0, 30.0);
            double ttftSum = SimHttp.metric(m, "vllm:time_to_first_token_seconds_sum{model_name=\"sim-fixed\"}");
            assertThat((ttftSum - ttftWarmup) * 1000).isBetween(9.0, 30.0); // engine-side TTFT = one step
        }
    }

    @Test
    void naturalStopAndIgnoreEosGiveExactUsage() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(20))) {
            SimHttp http = new SimHttp(sim);
            int stops = 0;
            for (int i = 0; i < 8; i++) {
                JsonNode r = http.postJson("/v1/completions", "{\"prompt\":\"count " + i + "\",\"max_tokens\":100}");
                int n = r.at("/usage/completion_tokens").asInt();
                String reason = r.at("/choices/0/finish_reason").asText();
                assertThat(n).isBetween(1, 100);
                assertThat(reason).isEqualTo(n < 100 ? "stop" : "length");
                if (reason.equals("stop")) stops++;
                // the generated text re-tokenises to exactly the reported count
                String text = r.at("/choices/0/text").asText();
                JsonNode tok = http.postJson("/tokenize", "{\"prompt\":" + SimHttp.JSON.valueToTree(text) + "}");
                assertThat(tok.get("count").asInt()).isEqualTo(n);
            }
            assertThat(stops).isGreaterThan(0); // mean natural length 64 < 100
            JsonNode r = http.postJson("/v1/completions", "{\"prompt\":\"go\",\"max_tokens\":150,\"ignore_eos\":true}");
            assertThat(r.at("/usage/completion_tokens").asInt()).isEqualTo(150);
            assertThat(r.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        }
    }

    @Test
    void samePrefixIsServedFromThePrefixCache() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(10))) {
            SimHttp http = new SimHttp(sim);
            String prefix = SimHttp.prompt(512, "p");
            JsonNode first = http.postJson("/v1/completions", "{\"prompt\":\"" + prefix + SimHttp.prompt(16, "a") + "\",\"max_tokens\":2}");
            assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(528);
            assertThat(first.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isZero();
            JsonNode second = http.postJson("/v1/completions", "{\"prompt\":\"" + prefix + SimHttp.prompt(16, "b") + "\",\"max_tokens\":2}");
            assertThat(second.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(512);
            // the same 512-token prompt again: the last token is always recomputed, so 31 full blocks hit
            JsonNode third = http.postJson("/v1/completions", "{\"prompt\":\"" + prefix + "\",\"max_tokens\":2}");
            assertThat(third.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(496);
            // scripted: queries = 528 + 528 + 512, hits = 512 + 496
            String m = http.get("/metrics").body();
            double queries = SimHttp.metric(m, "vllm:prefix_cache_queries_total{model_name=\"sim-fixed\"}");
            double hits = SimHttp.metric(m, "vllm:prefix_cache_hits_total{model_name=\"sim-fixed\"}");
            assertThat(queries).isEqualTo(1568);
            assertThat(hits).isEqualTo(1008);
            assertThat(hits / queries).isCloseTo(1008.0 / 1568.0, within(1e-9));
        }
    }

    @Test
    void sglangRadixCacheReusesPrefixesToTheToken() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.SGLANG, ModelPreset.FIXED).withSpeed(10))) {
            SimHttp http = new SimHttp(sim);
            String prefix = SimHttp.prompt(500, "q"); // not a multiple of 16
            http.postJson("/v1/completions", "{\"prompt\":\"" + prefix + SimHttp.prompt(10, "a") + "\",\"max_tokens\":2}");
            JsonNode second = http.postJson("/v1/completions", "{\"prompt\":\"" + prefix + SimHttp.prompt(10, "b") + "\",\"max_tokens\":2}");
            assertThat(second.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(500);
            String m = http.get("/metrics").body();
            assertThat(SimHttp.metric(m, "sglang:cache_hit_rate{model_name=\"sim-fixed\"}")).isCloseTo(500.0 / 1020, within(1e-9));
            assertThat(SimHttp.metric(m, "sglang:cached_tokens_total{model_name=\"sim-fixed\"}")).isEqualTo(500);
        }
    }

    @Test
    void tinyKvCapsRunningRequestsAndQueuesTheRest() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.TINY_KV).withSpeed(4))) {
            SimHttp http = new SimHttp(sim);
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                all.add(http.postAsync("/v1/completions", "{\"prompt\":\"" + SimHttp.prompt(100, "t" + (char) ('a' + i))
                        + "\",\"max_tokens\":100,\"ignore_eos\":true}"));
            }
            double maxRunning = 0;
            double maxWaiting = 0;
            double maxUsage = 0;
            while (!CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).isDone()) {
                String m = http.get("/metrics").body();
                maxRunning = Math.max(maxRunning, SimHttp.metric(m, "vllm:num_requests_running{model_name=\"sim-tiny-kv\"}"));
                maxWaiting = Math.max(maxWaiting, SimHttp.metric(m, "vllm:num_requests_waiting{model_name=\"sim-tiny-kv\"}"));
                maxUsage = Math.max(maxUsage, SimHttp.metric(m, "vllm:kv_cache_usage_perc{model_name=\"sim-tiny-kv\"}"));
                Thread.sleep(5);
            }
            for (var f : all) assertThat(SimHttp.JSON.readTree(f.get().body()).at("/usage/completion_tokens").asInt()).isEqualTo(100);
            // 64 blocks: a 100-token prompt needs 7, a finished sequence 13, so at most 9 run at once
            assertThat(maxRunning).isBetween(4.0, 9.0);
            assertThat(maxWaiting).isGreaterThanOrEqualTo(3.0);
            assertThat(maxUsage).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void speculativeDecodingEmitsSeveralTokensPerEventWithExactCounters() throws Exception {
        SpecConfig spec = new SpecConfig(SpecConfig.Method.EAGLE3, 4, 0.7);
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(10).withSpec(spec))) {
            SimHttp http = new SimHttp(sim);
            int requests = 6;
            int events = 0;
            for (int i = 0; i < requests; i++) {
                SimHttp.Stream_ s = http.stream("/v1/completions", completion("spec " + i, 60, true,
                        ",\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":true}"));
                List<SimHttp.Event> content = s.events().subList(0, s.events().size() - 2);
                int previous = 0;
                for (SimHttp.Event e : content) {
                    int now = e.json().at("/usage/completion_tokens").asInt();
                    assertThat(now - previous).isBetween(1, 5);
                    previous = now;
                }
                assertThat(previous).isEqualTo(60);
                events += content.size();
            }
            assertThat(events).isLessThan(requests * 60 / 2); // E[tokens/step] = 1 + 0.7 + 0.49 + 0.343 + 0.24 = 2.77
            String m = http.get("/metrics").body();
            String l = "{model_name=\"sim-fixed\"}";
            double drafts = SimHttp.metric(m, "vllm:spec_decode_num_drafts_total" + l);
            double draftTokens = SimHttp.metric(m, "vllm:spec_decode_num_draft_tokens_total" + l);
            double accepted = SimHttp.metric(m, "vllm:spec_decode_num_accepted_tokens_total" + l);
            assertThat(draftTokens).isEqualTo(4 * drafts);
            // every generated token is a first token, a decode step's own token, or an accepted draft
            assertThat(requests + drafts + accepted).isEqualTo(requests * 60.0);
            assertThat(SimHttp.metric(m, "vllm:generation_tokens_total" + l)).isEqualTo(requests * 60.0);
            assertThat(accepted / drafts).isBetween(1.2, 2.0);
        }
    }

    @Test
    void structuredOutputValidatesAgainstTheSchema() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\","
                + "\"minimum\":0,\"maximum\":120},\"score\":{\"type\":\"number\"},\"ok\":{\"type\":\"boolean\"},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1},"
                + "\"level\":{\"enum\":[\"low\",\"high\"]},\"address\":{\"type\":\"object\",\"properties\":"
                + "{\"city\":{\"type\":\"string\"},\"zip\":{\"type\":\"integer\"}},\"required\":[\"city\",\"zip\"]}},"
                + "\"required\":[\"name\",\"age\",\"tags\",\"address\"],\"additionalProperties\":false}";
        var validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(20))) {
            SimHttp http = new SimHttp(sim);
            for (int i = 0; i < 3; i++) {
                SimHttp.Stream_ s = http.stream("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"json "
                        + i + "\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true},\"response_format\":"
                        + "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\",\"schema\":" + schema + "}}}");
                StringBuilder text = new StringBuilder();
                List<SimHttp.Event> ev = s.events();
                for (SimHttp.Event e : ev.subList(1, ev.size() - 2)) text.append(e.json().at("/choices/0/delta/content").asText());
                JsonNode doc = SimHttp.JSON.readTree(text.toString());
                assertThat(validator.validate(doc)).isEmpty();
                assertThat(ev.get(ev.size() - 3).json().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
                int tokens = ev.get(ev.size() - 2).json().at("/usage/completion_tokens").asInt();
                assertThat(tokens).isEqualTo(ev.size() - 3); // one token per event without speculation
            }
            // vLLM's guided_json on /v1/completions takes the same path
            JsonNode r = http.postJson("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":500,\"guided_json\":" + schema + "}");
            assertThat(validator.validate(SimHttp.JSON.readTree(r.at("/choices/0/text").asText()))).isEmpty();
        }
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*\\})? (-?[0-9.]+([eE][-+]?[0-9]+)?|NaN|[+-]Inf)$");

    @Test
    void metricsAreValidPrometheusTextWithVllmNames() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(20)
                .withSpec(new SpecConfig(SpecConfig.Method.NGRAM, 4, 0.6)))) {
            SimHttp http = new SimHttp(sim);
            http.postJson("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":10,\"ignore_eos\":true}");
            HttpResponse<String> r = http.get("/metrics");
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            for (String line : r.body().split("\n")) {
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
                assertThat(SAMPLE.matcher(line).matches()).as(line).isTrue();
            }
            for (String name : List.of("vllm:kv_cache_usage_perc", "vllm:num_requests_running", "vllm:num_requests_waiting",
                    "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total", "vllm:spec_decode_num_draft_tokens_total",
                    "vllm:spec_decode_num_accepted_tokens_total", "vllm:prompt_tokens_total", "vllm:generation_tokens_total")) {
                assertThat(r.body()).contains("# TYPE " + name + " ");
            }
            assertThat(SimHttp.metric(r.body(), "vllm:time_to_first_token_seconds_count{model_name=\"sim-fixed\"}")).isEqualTo(1);
            assertThat(SimHttp.metric(r.body(), "vllm:generation_tokens_total{model_name=\"sim-fixed\"}")).isEqualTo(10);
        }
    }

    @Test
    void fiveHundredConcurrentStreamsComplete() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(5))) {
            SimHttp http = new SimHttp(sim);
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 500; i++) all.add(http.postAsync("/v1/completions", completion("c " + i, 20, true, "")));
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (var f : all) {
                List<String> data = SimHttp.dataLines(f.get().body());
                assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
                assertThat(SimHttp.JSON.readTree(data.get(data.size() - 2)).at("/usage/completion_tokens").asInt()).isEqualTo(20);
            }
            assertThat(seconds).isLessThan(15.0); // ideal: 21 steps of 2 ms after the last arrival
            String m = http.get("/metrics").body();
            double e2e = SimHttp.metric(m, "vllm:e2e_request_latency_seconds_sum{model_name=\"sim-fixed\"}") / 500;
            assertThat(e2e).isLessThan(1.0); // the engine side keeps up; the wall time is mostly the JDK client
            System.out.printf("500 streams: %.2f s wall, engine-side mean e2e %.3f s%n", seconds, e2e);
        }
    }
}
