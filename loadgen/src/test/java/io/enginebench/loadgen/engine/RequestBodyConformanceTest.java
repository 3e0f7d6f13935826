package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.loadgen.client.GenerationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies our vLLM, SGLang and llama.cpp adapters send use only fields, with the types, that the engines' own
 * request models read (fixtures {@code engine-definitions/*-requests.json}, each naming the engine commit it was read
 * from): the engines drop unknown fields without an error, so a field outside the model is one the engine silently
 * ignores. Structured requests carry the schema in a field the engine enforces.
 */
class RequestBodyConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},"
            + "\"required\":[\"a\"]}");

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (EngineKind kind : List.of(EngineKind.VLLM, EngineKind.SGLANG, EngineKind.LLAMACPP)) {
            for (Endpoint endpoint : Endpoint.values()) {
                for (boolean structured : new boolean[] {false, true}) {
                    for (boolean ignoreEos : new boolean[] {false, true}) {
                        out.add(Arguments.of(kind, endpoint, structured, ignoreEos));
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} structured={2} ignore_eos={3}")
    @MethodSource("cases")
    void everyFieldIsOneTheEngineReadsWithItsType(EngineKind kind, Endpoint endpoint, boolean structured,
                                                 boolean ignoreEos) throws IOException {
        JsonNode definition = definition(kind);
        String endpointName = endpoint == Endpoint.CHAT ? "chat" : "completions";
        JsonNode model = definition.path("requests").path(endpointName);
        assertThat(model.isObject()).as("fixture has %s", endpointName).isTrue();
        JsonNode body = body(kind, request(endpoint, structured, ignoreEos));

        List<String> problems = new ArrayList<>();
        conform(body, model, "", problems);
        assertThat(problems).as("%s %s body %s", kind, endpointName, body).isEmpty();

        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(body.path("ignore_eos").asBoolean()).isEqualTo(ignoreEos);
        if (structured) {
            List<String> enforcing = new ArrayList<>();
            for (JsonNode path : definition.path("enforces_schema").path(endpointName)) {
                JsonNode v = body.at("/" + path.asText().replace('.', '/'));
                if (!v.isMissingNode() && SCHEMA.equals(v.isTextual() ? parse(v.asText()) : v)) {
                    enforcing.add(path.asText());
                }
            }
            assertThat(enforcing).as("schema in a field %s enforces: %s", kind, body).isNotEmpty();
        }
    }

    /** Each field of {@code body} must be in {@code model}; a nested model object is checked field by field. */
    private static void conform(JsonNode body, JsonNode model, String at, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String path = at + f.getKey();
            JsonNode expected = model.get(f.getKey());
            if (expected == null) {
                problems.add(path + ": not a field of the engine's request model (silently ignored)");
            } else if (expected.isObject()) {
                if (!f.getValue().isObject()) problems.add(path + ": engine expects an object");
                else conform(f.getValue(), expected, path + ".", problems);
            } else if (!hasType(f.getValue(), expected.asText())) {
                problems.add(path + ": engine expects " + expected.asText() + ", got " + f.getValue().getNodeType());
            }
        }
    }

    private static boolean hasType(JsonNode v, String types) {
        for (String t : types.split("\\|")) {
            boolean ok = switch (t) {
                case "string" -> v.isTextual();
                case "integer" -> v.isIntegralNumber();
                case "number" -> v.isNumber();
                case "boolean" -> v.isBoolean();
                case "array" -> v.isArray();
                case "object" -> v.isObject();
                default -> throw new IllegalArgumentException("unknown type in fixture: " + t);
            };
            if (ok) return true;
        }
        return false;
    }

    private static GenerationRequest request(Endpoint endpoint, boolean structured, boolean ignoreEos) {
        JsonNode schema = structured ? SCHEMA : null;
        if (endpoint == Endpoint.CHAT) {
            return new GenerationRequest(Endpoint.CHAT, "m", null, List.of(
                    new GenerationRequest.ChatMessage("system", "Answer in JSON."),
                    new GenerationRequest.ChatMessage("user", "hi")), 64, 0.0, ignoreEos, schema, "answer");
        }
        return new GenerationRequest(Endpoint.COMPLETIONS, "m", "Say hi", null, 64, 0.0, ignoreEos, schema, "answer");
    }

    private static JsonNode definition(EngineKind kind) throws IOException {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        try (InputStream in = RequestBodyConformanceTest.class
                .getResourceAsStream("/engine-definitions/" + name + "-requests.json")) {
            JsonNode d = JSON.readTree(in);
            assertThat(d.path("engine").asText()).isEqualTo(name);
            assertThat(d.path("commit").asText()).hasSize(40);
            return d;
        }
    }

    private static JsonNode body(EngineKind kind, GenerationRequest r) {
        return parse(new String(EngineAdapters.forKind(kind).streamingBody(r), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
