package io.enginebench.loadgen.client;

import java.util.concurrent.CompletableFuture;

/**
 * Sends streaming generation requests to one base URL over a pooled HTTP/1.1 connection set.
 * {@link #send} never blocks and its future never completes exceptionally: failures are {@link StreamResult}s with an
 * {@link io.enginebench.trace.Outcome} other than OK.
 */
public interface StreamingClient extends AutoCloseable {
    CompletableFuture<StreamResult> send(StreamRequest request);

    @Override
    void close();
}
