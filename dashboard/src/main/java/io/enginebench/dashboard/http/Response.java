package io.enginebench.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.enginebench.trace.TraceJson;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete HTTP answer, built off the event loop and then written in one go. */
public record Response(int status, String contentType, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    public static Response json(Object value) { return json(200, value); }

    public static Response json(int status, Object value) {
        try {
            return new Response(status, JSON, TraceJson.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    public static Response error(int status, String message) { return json(status, Map.of("error", message)); }

    public static Response text(int status, String message) {
        return new Response(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }
}
