package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;

/**
 * The one seam between the run orchestration and the transport: everything that talks to an engine over the network
 * comes from here. API keys are passed by environment-variable name and read by the transport.
 */
public interface EngineConnector {
    StreamingClient client(String baseUrl, int maxConnections, String apiKeyEnv);

    EngineAdapter adapter(EngineKind kind);

    EngineApi api(String baseUrl, EngineKind kind, String apiKeyEnv);

    /** @param runId stamped on every sample */
    MetricsPoller metricsPoller(String baseUrl, EngineKind kind, String apiKeyEnv, String runId);
}
