package io.enginebench.loadgen.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.sim.config.Personality;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The JSON bodies the simulator sends, shaped like vLLM's and SGLang's OpenAI-compatible server: stream chunks,
 * the usage-only final chunk ({@code "choices": []}), whole responses and errors.
 */
final class ResponseShapes {
    private final ObjectMapper mapper;
    private final Personality personality;
    private final String model;

    ResponseShapes(ObjectMapper mapper, Personality personality, String model) {
        this.mapper = mapper;
        this.personality = personality;
        this.model = model;
    }

    ObjectNode usage(int prompt, int cached, int completion, boolean withDetails) {
        ObjectNode u = mapper.createObjectNode();
        u.put("prompt_tokens", prompt);
        u.put("total_tokens", prompt + completion);
        u.put("completion_tokens", completion);
        if (withDetails) u.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return u;
    }

    private ObjectNode head(String id, boolean chat, boolean chunk, long created) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", id);
        o.put("object", chat ? (chunk ? "chat.completion.chunk" : "chat.completion") : "text_completion");
        o.put("created", created);
        o.put("model", model);
        return o;
    }

    /** One streamed chunk. {@code roleOnly} is the opening chat chunk that carries only the assistant role. */
    ObjectNode chunk(String id, boolean chat, long created, String text, String finishReason, boolean roleOnly) {
        ObjectNode o = head(id, chat, true, created);
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        if (chat) {
            ObjectNode delta = choice.putObject("delta");
            if (roleOnly) {
                delta.put("role", "assistant");
                delta.put("content", "");
            } else {
                delta.put("content", text);
            }
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        if (personality == Personality.VLLM) choice.putNull("stop_reason");
        else choice.putNull("matched_stop");
        return o;
    }

    ObjectNode usageChunk(String id, boolean chat, long created, ObjectNode usage) {
        ObjectNode o = head(id, chat, true, created);
        o.putArray("choices");
        o.set("usage", usage);
        return o;
    }

    ObjectNode whole(String id, boolean chat, long created, String text, String finishReason, ObjectNode usage) {
        ObjectNode o = head(id, chat, false, created);
        ArrayNode choices = o.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        if (chat) {
            ObjectNode msg = choice.putObject("message");
            msg.put("role", "assistant");
            msg.put("content", text);
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (personality == Personality.VLLM) choice.putNull("stop_reason");
        else choice.putNull("matched_stop");
        o.set("usage", usage);
        return o;
    }

    /** vLLM: a flat {@code {"object":"error",...}}; SGLang: OpenAI's nested {@code {"error":{...}}}. */
    ObjectNode error(HttpResponseStatus status, String type, String message) {
        ObjectNode e = mapper.createObjectNode();
        if (personality == Personality.VLLM) {
            e.put("object", "error");
            fillError(e, status, type, message);
            return e;
        }
        fillError(e.putObject("error"), status, type, message);
        return e;
    }

    private static void fillError(ObjectNode e, HttpResponseStatus status, String type, String message) {
        e.put("message", message);
        e.put("type", type);
        e.putNull("param");
        e.put("code", status.code());
    }
}
