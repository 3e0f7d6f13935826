package io.enginebench.loadgen.arrival;

import java.util.concurrent.CompletionStage;

/** Sends one request for a slot; the stage completes when the request has ended (in any way). Must not block. */
@FunctionalInterface
public interface Dispatch {
    CompletionStage<?> send(Slot slot);
}
