package io.enginebench.loadgen.client;

import java.time.Duration;

/**
 * One HTTP request ready for the wire.
 *
 * @param path        e.g. {@code /v1/completions}
 * @param body        the JSON body (already encoded, so nothing is serialised on the event loop)
 * @param timeout     deadline for the whole request, from send to the end of the stream
 * @param idleTimeout longest silence allowed between bytes once the request is sent
 */
public record StreamRequest(String path, byte[] body, Duration timeout, Duration idleTimeout) {
}
