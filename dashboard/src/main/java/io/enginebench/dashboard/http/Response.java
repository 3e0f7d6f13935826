package io.enginebench.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.enginebench.trace.TraceJson;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete HTTP answer, built off the event loop and then written in one go.
 *
 * @param headers extra response headers (a redirect's {@code Location}, a {@code Set-Cookie})
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json; charset=utf-8";

    public Response(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(more));
    }

    public Response withStatus(int newStatus) {
        return new Response(newStatus, contentType, body, headers);
    }

    /** A 303 to {@code location} (after a login: the browser then GETs the page without the token in its URL). */
    public static Response seeOther(String location) {
        return text(303, "see " + location).withHeader("Location", location);
    }

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
