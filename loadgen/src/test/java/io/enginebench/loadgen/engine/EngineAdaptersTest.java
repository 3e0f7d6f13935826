package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.loadgen.client.GenerationRequest;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineAdaptersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]}");

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GenerationRequest completions(JsonNode schema, boolean ignoreEos) {
        return new GenerationRequest(Endpoint.COMPLETIONS, "m", "Say hi", null, 64, 0.0, ignoreEos, schema, "answer");
    }

    private static GenerationRequest chat(JsonNode schema) {
        return new GenerationRequest(Endpoint.CHAT, "m", null,
                List.of(new GenerationRequest.ChatMessage("system", "be brief"), new GenerationRequest.ChatMessage("user", "hi")),
                32, 0.7, true, schema, "answer");
    }

    private static JsonNode body(EngineKind kind, GenerationRequest r) {
        return parse(new String(EngineAdapters.forKind(kind).streamingBody(r), java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void everyEngineGetsTheCommonStreamingFields(EngineKind kind) {
        assertThat(EngineAdapters.forKind(kind).kind()).isEqualTo(kind);
        JsonNode b = body(kind, completions(null, false));
        assertThat(b.path("model").asText()).isEqualTo("m");
        assertThat(b.path("prompt").asText()).isEqualTo("Say hi");
        assertThat(b.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(b.path("temperature").asDouble()).isEqualTo(0.0);
        assertThat(b.path("stream").asBoolean()).isTrue();
        assertThat(b.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(b.has("ignore_eos")).isFalse();
        assertThat(b.has("messages")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = "LLAMACPP", mode = EnumSource.Mode.EXCLUDE)
    void chatStructuredOutputIsOpenAiResponseFormatWhereTheEngineEnforcesIt(EngineKind kind) {
        JsonNode b = body(kind, chat(SCHEMA));
        assertThat(b.path("messages")).hasSize(2);
        assertThat(b.path("messages").path(1).path("role").asText()).isEqualTo("user");
        assertThat(b.has("prompt")).isFalse();
        JsonNode format = b.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("answer");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(SCHEMA);
    }

    @Test
    void vllmAndSimUseStructuredOutputsAndContinuousUsage() {
        for (EngineKind kind : List.of(EngineKind.VLLM, EngineKind.SIM)) {
            JsonNode b = body(kind, completions(SCHEMA, true));
            assertThat(b.path("structured_outputs").path("json")).isEqualTo(SCHEMA);
            assertThat(b.path("stream_options").path("continuous_usage_stats").asBoolean()).isTrue();
            assertThat(b.path("ignore_eos").asBoolean()).isTrue();
            assertThat(b.has("response_format")).isFalse();
        }
    }

    @Test
    void sglangSendsTheSchemaAsAString() {
        JsonNode b = body(EngineKind.SGLANG, completions(SCHEMA, true));
        assertThat(b.path("json_schema").isTextual()).isTrue();
        assertThat(parse(b.path("json_schema").asText())).isEqualTo(SCHEMA);
        assertThat(b.path("ignore_eos").asBoolean()).isTrue();
        assertThat(b.path("stream_options").has("continuous_usage_stats")).isFalse();
    }

    @Test
    void llamaCppSendsTheSchemaAsAnObject() {
        JsonNode b = body(EngineKind.LLAMACPP, completions(SCHEMA, true));
        assertThat(b.path("json_schema")).isEqualTo(SCHEMA);
        assertThat(b.path("ignore_eos").asBoolean()).isTrue();
    }

    @Test
    void llamaCppChatSendsTheSchemaAsTopLevelJsonSchema() {
        JsonNode b = body(EngineKind.LLAMACPP, chat(SCHEMA));
        assertThat(b.path("json_schema")).isEqualTo(SCHEMA);
        assertThat(b.has("response_format")).isFalse();
    }

    @Test
    void openAiHasNoIgnoreEosAndNoCompletionsSchema() {
        assertThat(body(EngineKind.OPENAI, completions(null, true)).has("ignore_eos")).isFalse();
        assertThatThrownBy(() -> body(EngineKind.OPENAI, completions(SCHEMA, false)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("chat");
    }

    @Test
    void tokenizeBodiesFollowEachEnginesShape() {
        JsonNode vllm = parse(new String(EngineAdapters.forKind(EngineKind.VLLM).tokenizeBody("m", "abc").orElseThrow()));
        assertThat(vllm.path("model").asText()).isEqualTo("m");
        assertThat(vllm.path("prompt").asText()).isEqualTo("abc");
        JsonNode llama = parse(new String(EngineAdapters.forKind(EngineKind.LLAMACPP).tokenizeBody("m", "abc").orElseThrow()));
        assertThat(llama.path("content").asText()).isEqualTo("abc");
        assertThat(EngineAdapters.forKind(EngineKind.OPENAI).tokenizeBody("m", "abc")).isEmpty();
    }
}
