package io.enginebench.loadgen.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Sends streaming generation requests to one base URL over a pooled HTTP/1.1 connection set.
 * {@link #send} never blocks and its future never completes exceptionally: failures are {@link StreamResult}s with an
 * {@link io.enginebench.trace.Outcome} other than OK.
 */
public interface StreamingClient extends AutoCloseable {
    CompletableFuture<StreamResult> send(StreamRequest request);

    /**
     * The threads that read the engine's bytes and stamp each chunk's arrival, for the self-check's lag probe (a task
     * late on one of them is a chunk stamped late); empty for a client without threads of its own.
     */
    default List<ScheduledExecutorService> eventLoops() { return List.of(); }

    @Override
    void close();
}
