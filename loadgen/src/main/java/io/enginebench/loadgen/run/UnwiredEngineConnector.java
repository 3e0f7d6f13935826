package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;

/**
 * Placeholder until the HTTP transport is plugged in: replace the instance returned by
 * {@link io.enginebench.loadgen.cli.TransportWiring#connector()} with the real connector.
 */
public final class UnwiredEngineConnector implements EngineConnector {
    private static UnsupportedOperationException unwired() {
        return new UnsupportedOperationException("transport not wired");
    }

    @Override public StreamingClient client(String baseUrl, int maxConnections, String apiKeyEnv) { throw unwired(); }

    @Override public EngineAdapter adapter(EngineKind kind) { throw unwired(); }

    @Override public EngineApi api(String baseUrl, EngineKind kind, String apiKeyEnv) { throw unwired(); }

    @Override public MetricsPoller metricsPoller(String baseUrl, EngineKind kind, String apiKeyEnv, String runId) {
        throw unwired();
    }
}
