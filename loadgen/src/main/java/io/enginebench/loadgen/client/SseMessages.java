package io.enginebench.loadgen.client;

/** What {@link SseEventHandler} passes down the pipeline for a 200 response. */
final class SseMessages {
    private SseMessages() {}

    /** The data of one complete event. */
    record Event(String data) {}

    /** The 200 body ended (last HTTP chunk). */
    enum End { INSTANCE }
}
