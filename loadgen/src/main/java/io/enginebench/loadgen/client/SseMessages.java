package io.enginebench.loadgen.client;

/** What {@link SseEventHandler} passes down the pipeline for a 200 response. */
final class SseMessages {
    private SseMessages() {}

    /**
     * The data of one complete event as UTF-8 bytes. The array belongs to the SSE decoder and is reused for the next
     * event: it is valid only while the message travels the pipeline, which on the event loop is synchronous.
     */
    record Event(byte[] utf8, int offset, int length) {}

    /** The 200 body ended (last HTTP chunk). */
    enum End { INSTANCE }
}
