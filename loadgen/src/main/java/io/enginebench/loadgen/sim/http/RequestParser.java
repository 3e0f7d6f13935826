package io.enginebench.loadgen.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads OpenAI-style request bodies the way vLLM and SGLang accept them. Structured output is taken from chat's
 * {@code response_format: {type: json_schema, json_schema: {schema}}}, vLLM's {@code structured_outputs.json} or
 * {@code guided_json}, or SGLang's {@code json_schema} (object or JSON string). Chat messages are templated as
 * {@code "<role>: <content>\n"} per message; that text is what gets tokenised.
 */
final class RequestParser {
    /** vLLM's default for /v1/completions when max_tokens is absent. */
    static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

    private final ObjectMapper mapper;

    RequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    JsonNode json(String body) throws BadRequest {
        try {
            JsonNode n = mapper.readTree(body);
            if (n == null || !n.isObject()) throw BadRequest.of("request body must be a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            throw BadRequest.of("invalid JSON body: " + e.getOriginalMessage());
        }
    }

    CompletionRequest parse(JsonNode body, boolean chat) throws BadRequest {
        String promptText = null;
        int[] promptIds = null;
        if (chat) {
            JsonNode messages = body.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty())
                throw BadRequest.of("'messages' must be a non-empty list");
            StringBuilder sb = new StringBuilder();
            for (JsonNode m : messages) sb.append(m.path("role").asText("user")).append(": ").append(content(m.get("content"))).append('\n');
            promptText = sb.toString();
        } else {
            JsonNode prompt = body.get("prompt");
            if (prompt == null || prompt.isNull()) throw BadRequest.of("'prompt' is required");
            if (prompt.isTextual()) {
                promptText = prompt.asText();
            } else if (prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isInt()) {
                promptIds = new int[prompt.size()];
                for (int i = 0; i < promptIds.length; i++) promptIds[i] = prompt.get(i).asInt();
            } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
                promptText = prompt.get(0).asText();
            } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isArray()) {
                JsonNode ids = prompt.get(0);
                promptIds = new int[ids.size()];
                for (int i = 0; i < promptIds.length; i++) promptIds[i] = ids.get(i).asInt();
            } else {
                throw BadRequest.of("'prompt' must be a string, a list of token ids, or a list with one prompt");
            }
            if (promptText != null && promptText.isEmpty()) throw BadRequest.of("'prompt' must not be empty");
        }
        JsonNode maxNode = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        boolean given = maxNode != null && !maxNode.isNull();
        if (given && (!maxNode.canConvertToInt() || maxNode.asInt() < 1))
            throw BadRequest.of("max_tokens must be at least 1, got " + maxNode);
        int maxTokens = given ? maxNode.asInt() : chat ? Integer.MAX_VALUE : COMPLETIONS_DEFAULT_MAX_TOKENS;
        if (body.path("n").asInt(1) != 1) throw BadRequest.of("only n=1 is supported");
        JsonNode streamOptions = body.path("stream_options");
        return new CompletionRequest(chat, body.path("model").asText(null), promptText, promptIds, maxTokens, given,
                body.path("stream").asBoolean(false),
                streamOptions.path("include_usage").asBoolean(false),
                streamOptions.path("continuous_usage_stats").asBoolean(false),
                body.path("ignore_eos").asBoolean(false), schema(body));
    }

    private static String content(JsonNode c) {
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.asText();
        StringBuilder sb = new StringBuilder(); // list of parts: keep the text parts
        for (JsonNode part : c) if (part.has("text")) sb.append(part.get("text").asText());
        return sb.toString();
    }

    private JsonNode schema(JsonNode body) throws BadRequest {
        JsonNode rf = body.path("response_format");
        if ("json_schema".equals(rf.path("type").asText())) {
            JsonNode s = rf.path("json_schema").get("schema");
            if (s == null) throw BadRequest.of("response_format.json_schema.schema is required");
            return s;
        }
        if ("json_object".equals(rf.path("type").asText())) return mapper.createObjectNode().put("type", "object");
        for (JsonNode s : new JsonNode[] {body.path("structured_outputs").get("json"), body.get("guided_json"),
                body.get("json_schema")}) {
            if (s == null || s.isNull()) continue;
            if (s.isTextual()) {
                try {
                    return mapper.readTree(s.asText());
                } catch (JsonProcessingException e) {
                    throw BadRequest.of("the JSON schema is not valid JSON: " + e.getOriginalMessage());
                }
            }
            return s;
        }
        return null;
    }
}
