package io.enginebench.dashboard.http;

import java.time.Duration;

/**
 * Bounds on what one connection may cost the dashboard: request line, headers and body sizes, and how long a
 * connection may stay silent (a slow or idle client is closed; live subscribers are kept by the server's pushes).
 */
public record ConnectionLimits(int maxInitialLineBytes, int maxHeaderBytes, int maxBodyBytes, Duration idleTimeout) {
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(4096, 8192, 16 * 1024, Duration.ofSeconds(30));

    public ConnectionLimits withIdleTimeout(Duration idle) {
        return new ConnectionLimits(maxInitialLineBytes, maxHeaderBytes, maxBodyBytes, idle);
    }
}
