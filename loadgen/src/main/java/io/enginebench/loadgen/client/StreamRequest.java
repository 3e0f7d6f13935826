package io.enginebench.loadgen.client;

import java.time.Duration;

/**
 * One HTTP request ready for the wire.
 *
 * @param path        e.g. {@code /v1/completions}
 * @param body        the JSON body (already encoded, so nothing is serialised on the event loop)
 * @param timeout     deadline for the whole request, from send to the end of the stream
 * @param idleTimeout longest silence allowed between bytes once the request is sent
 * @param requestId   sent as the {@code x-request-id} header so the engine's logs name the request; null sends none
 */
public record StreamRequest(String path, byte[] body, Duration timeout, Duration idleTimeout, String requestId) {
    /** The header carrying {@link #requestId}. */
    public static final String REQUEST_ID_HEADER = "x-request-id";

    public StreamRequest(String path, byte[] body, Duration timeout, Duration idleTimeout) {
        this(path, body, timeout, idleTimeout, null);
    }

    public StreamRequest withRequestId(String id) { return new StreamRequest(path, body, timeout, idleTimeout, id); }
}
