package io.enginebench.loadgen.breaker;

import java.time.Duration;

/**
 * When the client stops sending to an engine that no longer answers, and for how long it waits for it to return.
 *
 * @param failures      consecutive connection failures (no connection, or the connection dropped before any response)
 *                      that trip the breaker; 0 turns it off
 * @param engineWait    how long to poll the health endpoint after a trip before the run aborts
 * @param probeInterval pause between two health checks
 * @param catchUp       open loop: send the arrivals that fell due during an outage at once when the engine returns,
 *                      instead of moving the rest of the schedule later by the outage
 */
public record BreakerOptions(int failures, Duration engineWait, Duration probeInterval, boolean catchUp) {
    /** No breaker: every request is sent whatever happened to the ones before. */
    public static final BreakerOptions OFF = new BreakerOptions(0, Duration.ZERO, Duration.ofSeconds(1), false);

    public static final int DEFAULT_FAILURES = 5;
    public static final Duration DEFAULT_ENGINE_WAIT = Duration.ofMinutes(5);

    /** What {@code bench run} and {@code bench matrix} use unless told otherwise. */
    public static BreakerOptions standard() {
        return new BreakerOptions(DEFAULT_FAILURES, DEFAULT_ENGINE_WAIT, Duration.ofSeconds(1), false);
    }

    public BreakerOptions {
        if (failures < 0) throw new IllegalArgumentException("breaker failures must be >= 0, got " + failures);
    }

    public boolean enabled() { return failures > 0; }
}
