package io.enginebench.loadgen.client;

/**
 * The {@code System.nanoTime()} of the latest read on one channel, stamped by {@link ArrivalStampHandler} before any
 * decoding, so every timestamp in a result is when the bytes arrived rather than when a handler got to them.
 * Read and written only on the channel's event loop.
 */
final class ArrivalClock {
    private long lastReadNanos;

    void stamp(long nanos) { lastReadNanos = nanos; }

    long lastReadNanos() { return lastReadNanos; }
}
