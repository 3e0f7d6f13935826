package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.client.GenerationRequest;

import java.util.List;
import java.util.Optional;

/**
 * llama.cpp's {@code llama-server}: the schema as a top-level {@code json_schema} object on both endpoints (every build
 * enforces it; some ignore OpenAI's {@code response_format} json_schema form), build info in {@code /props},
 * {@code /tokenize {content}}.
 */
public final class LlamaCppAdapter extends OpenAiCompatibleAdapter {
    @Override
    public EngineKind kind() { return EngineKind.LLAMACPP; }

    @Override
    protected void addCompletionsSchema(ObjectNode body, JsonNode schema) {
        body.set("json_schema", schema);
    }

    @Override
    protected void addChatSchema(ObjectNode body, GenerationRequest request) {
        body.set("json_schema", request.jsonSchema());
    }

    @Override
    public Optional<VersionSource> versionSource() { return Optional.of(new VersionSource("/props", "build_info")); }

    /** llama-server renders a chat with {@code POST /apply-template {messages}} → {@code {prompt}}. */
    @Override
    public Optional<byte[]> applyTemplateBody(List<GenerationRequest.ChatMessage> messages) {
        ObjectNode body = json.createObjectNode();
        putMessages(body, messages);
        return Optional.of(bytes(body));
    }

    @Override
    public Optional<byte[]> tokenizeBody(String model, String text) {
        ObjectNode body = json.createObjectNode();
        body.put("content", text);
        return Optional.of(bytes(body));
    }
}
