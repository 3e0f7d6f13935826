package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.loadgen.client.GenerationRequest;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The body every OpenAI-compatible engine understands, with hooks for what engines add: per-chunk usage,
 * {@code ignore_eos}, and the structured-output field each engine enforces (chat: OpenAI's {@code response_format}
 * unless the engine reads another form).
 */
public abstract class OpenAiCompatibleAdapter implements EngineAdapter {
    protected final ObjectMapper json = new ObjectMapper();

    @Override
    public byte[] streamingBody(GenerationRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        if (request.endpoint() == Endpoint.CHAT) {
            putMessages(body, request.messages());
        } else {
            body.put("prompt", request.prompt());
        }
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        body.put("stream", true);
        ObjectNode streamOptions = body.putObject("stream_options");
        streamOptions.put("include_usage", true);
        addStreamOptions(streamOptions);
        if (request.ignoreEos() && supportsIgnoreEos()) {
            body.put("ignore_eos", true);
        }
        if (request.structured()) {
            if (request.endpoint() == Endpoint.CHAT) {
                addChatSchema(body, request);
            } else {
                addCompletionsSchema(body, request.jsonSchema());
            }
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extra {@code stream_options} beyond {@code include_usage}. */
    protected void addStreamOptions(ObjectNode streamOptions) {}

    protected boolean supportsIgnoreEos() { return true; }

    /** Puts the engine's structured-output field for chat: OpenAI's {@code response_format} json_schema form. */
    protected void addChatSchema(ObjectNode body, GenerationRequest request) {
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode schema = format.putObject("json_schema");
        schema.put("name", request.schemaName() == null ? "output" : request.schemaName());
        schema.set("schema", request.jsonSchema());
        schema.put("strict", true);
    }

    /** Puts the engine's structured-output field for {@code /v1/completions}. */
    protected abstract void addCompletionsSchema(ObjectNode body, JsonNode schema);

    protected byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chat messages as the request body carries them. */
    protected final void putMessages(ObjectNode body, List<GenerationRequest.ChatMessage> messages) {
        ArrayNode array = body.putArray("messages");
        for (GenerationRequest.ChatMessage m : messages) {
            array.addObject().put("role", m.role()).put("content", m.content());
        }
    }

    /** The {@code /tokenize} body vLLM defined and SGLang adopted: {@code {model, prompt}}. */
    protected final Optional<byte[]> modelPromptTokenizeBody(String model, String text) {
        ObjectNode body = json.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.put("prompt", text);
        return Optional.of(bytes(body));
    }
}
