package io.enginebench.loadgen.client;

import java.time.Duration;

/**
 * How the streaming client connects.
 *
 * @param maxConnections keep-alive connections at most; size it to the expected concurrency so no request waits
 *                       for a connection the load itself did not ask for
 * @param apiKeyEnv      NAME of the environment variable holding the bearer token (e.g. {@code OPENAI_API_KEY}); null
 *                       for none. The value is read once and only ever put in the Authorization header.
 * @param connectTimeout TCP connect timeout
 * @param ioThreads      event-loop threads; 0 = Netty's default
 */
public record ClientOptions(int maxConnections, String apiKeyEnv, Duration connectTimeout, int ioThreads) {
    public ClientOptions {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
        }
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(10);
        }
    }

    /** Defaults for a load of {@code concurrency} requests in flight: one connection each, no API key. */
    public static ClientOptions forConcurrency(int concurrency) {
        return new ClientOptions(Math.max(1, concurrency), null, Duration.ofSeconds(10), 0);
    }

    public ClientOptions withApiKeyEnv(String envName) {
        return new ClientOptions(maxConnections, envName, connectTimeout, ioThreads);
    }
}
