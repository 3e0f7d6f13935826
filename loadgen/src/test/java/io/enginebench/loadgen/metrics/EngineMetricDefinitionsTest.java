package io.enginebench.loadgen.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.HttpEngineApi;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.config.SpecConfig;
import io.enginebench.trace.EngineMetricNames;
import io.enginebench.trace.EngineMetricSample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine series EngineBench reads are the engines' own: every vLLM/SGLang name in {@link MetricAliases} and every
 * name the simulator serves is defined, with that type, in the engine's metrics module (fixtures under
 * {@code engine-definitions/}, each with the engine commit it was read from); and a scrape of the simulator in each
 * personality yields KV usage, queue depth, prefix-cache and speculative-decoding evidence under the normalised names.
 */
class EngineMetricDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE_LINE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    /** Exposition name → type, over every section (current and older releases) of the engine's fixture. */
    static Map<String, String> definitions(String engine) throws IOException {
        try (InputStream in = EngineMetricDefinitionsTest.class
                .getResourceAsStream("/engine-definitions/" + engine + "-metrics.json")) {
            JsonNode root = JSON.readTree(in);
            assertThat(root.path("engine").asText()).isEqualTo(engine);
            Map<String, String> out = new TreeMap<>();
            for (JsonNode section : root.path("sections")) {
                section.path("metrics").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            }
            return out;
        }
    }

    private static String prefix(Personality p) {
        return p == Personality.VLLM ? "vllm" : "sglang";
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void everyAliasedEngineNameIsDefinedByTheEngine(Personality personality) throws IOException {
        Map<String, String> defs = definitions(prefix(personality));
        List<String> unknown = new ArrayList<>();
        for (String raw : new MetricAliases().rawNames()) {
            if (!raw.startsWith(prefix(personality) + ":")) continue;
            if (!defined(raw, defs)) unknown.add(raw);
        }
        assertThat(unknown).as("aliased names the engine does not serve").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void simulatorServesTheEnginesNamesWithTheirTypes(Personality personality) throws Exception {
        Map<String, String> defs = definitions(prefix(personality));
        try (SimServer sim = SimServer.start(config(personality))) {
            Matcher m = TYPE_LINE.matcher(get(sim, "/metrics"));
            Map<String, String> served = new TreeMap<>();
            while (m.find()) served.put(m.group(1), m.group(2));
            assertThat(served).isNotEmpty();
            Map<String, String> mismatched = new TreeMap<>();
            served.forEach((name, type) -> {
                if (!type.equals(defs.get(name))) mismatched.put(name, type + " (engine: " + defs.get(name) + ")");
            });
            assertThat(mismatched).as("simulator series not served so by the engine").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void scrapingTheSimulatorGivesEveryFigureTheTablesRead(Personality personality) throws Exception {
        try (SimServer sim = SimServer.start(config(personality))) {
            List<EngineMetricSample> samples = new ArrayList<>();
            EngineKind kind = personality == Personality.VLLM ? EngineKind.VLLM : EngineKind.SGLANG;
            MetricsScraper scraper = new MetricsScraper("r", HttpEngineApi.create(sim.baseUrl(), kind),
                    System.nanoTime(), null, java.util.Optional.empty(), samples::add);
            scraper.scrapeOnce();
            String shared = "shared system preamble ".repeat(40);
            for (int i = 0; i < 4; i++) {
                post(sim, "{\"model\":\"sim-fixed\",\"prompt\":\"" + shared + "question " + i
                        + "\",\"max_tokens\":24,\"ignore_eos\":true}");
            }
            scraper.scrapeOnce();

            Map<String, Double> last = new HashMap<>();
            Map<String, Double> first = new HashMap<>();
            for (EngineMetricSample s : samples) {
                first.putIfAbsent(s.name(), s.value());
                last.put(s.name(), s.value());
            }
            assertThat(last).containsKeys(EngineMetricNames.KV_CACHE_USAGE, EngineMetricNames.REQUESTS_WAITING);
            double hits = last.getOrDefault(EngineMetricNames.PREFIX_CACHE_HITS, 0.0)
                    - first.getOrDefault(EngineMetricNames.PREFIX_CACHE_HITS, 0.0);
            assertThat(hits).as("prefix-cache hits over the run").isPositive();
            assertThat(last.containsKey(EngineMetricNames.PREFIX_CACHE_QUERIES)
                    || last.containsKey(EngineMetricNames.PROMPT_TOKENS)).isTrue();
            double specEvidence = EngineMetricNames.SPEC_EVIDENCE.stream()
                    .mapToDouble(n -> last.getOrDefault(n, 0.0) - (n.endsWith("_total") ? first.getOrDefault(n, 0.0) : 0))
                    .max().orElse(0);
            assertThat(specEvidence).as("speculative-decoding evidence").isPositive();
            if (personality == Personality.SGLANG) {
                assertThat(last.get(EngineMetricNames.SPEC_ACCEPT_RATE)).isBetween(0.0, 1.0).isPositive();
                assertThat(last.get(EngineMetricNames.SPEC_ACCEPT_LENGTH)).isGreaterThan(1.0);
            } else {
                assertThat(last).containsKeys(EngineMetricNames.SPEC_DRAFT_TOKENS, EngineMetricNames.SPEC_ACCEPTED_TOKENS);
            }
        }
    }

    private static boolean defined(String raw, Map<String, String> defs) {
        if ("counter".equals(defs.get(raw + "_total")) || "counter".equals(defs.get(raw))) return true;
        for (String suffix : new String[] {"_sum", "_count"}) {
            if (raw.endsWith(suffix)
                    && "histogram".equals(defs.get(raw.substring(0, raw.length() - suffix.length())))) return true;
        }
        return defs.containsKey(raw) && !"counter".equals(defs.get(raw)) && !"histogram".equals(defs.get(raw));
    }

    private static SimConfig config(Personality personality) {
        return SimConfig.of(personality, ModelPreset.FIXED).withSpeed(20)
                .withSpec(new SpecConfig(SpecConfig.Method.NGRAM, 4, 0.6));
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String get(SimServer sim, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void post(SimServer sim, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
