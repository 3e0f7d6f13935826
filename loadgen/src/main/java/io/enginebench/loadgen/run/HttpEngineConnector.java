package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.ClientOptions;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.engine.EngineAdapters;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.HttpEngineApi;
import io.enginebench.loadgen.metrics.MetricsScraper;
import io.enginebench.trace.EngineMetricSample;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/** The real transport: the Netty streaming client, the engine's HTTP API and its Prometheus scraper. */
public final class HttpEngineConnector implements EngineConnector {
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    /** Where API keys are looked up by variable name: the process environment, or a stand-in in tests. */
    private final Function<String, String> env;

    public HttpEngineConnector() { this(System::getenv); }

    public HttpEngineConnector(Function<String, String> env) { this.env = env; }

    @Override
    public StreamingClient client(String baseUrl, int maxConnections, String apiKeyEnv) {
        return NettyStreamingClient.create(baseUrl, ClientOptions.forConcurrency(maxConnections).withApiKeyEnv(apiKeyEnv),
                env);
    }

    @Override
    public EngineAdapter adapter(EngineKind kind) { return EngineAdapters.forKind(kind); }

    @Override
    public EngineApi api(String baseUrl, EngineKind kind, String apiKeyEnv) {
        return httpApi(baseUrl, kind, apiKeyEnv);
    }

    @Override
    public MetricsPoller metricsPoller(String baseUrl, EngineKind kind, String apiKeyEnv, String runId) {
        HttpEngineApi api = httpApi(baseUrl, kind, apiKeyEnv);
        return new MetricsPoller() {
            private MetricsScraper scraper;

            @Override
            public synchronized void start(long epochNanos, Consumer<EngineMetricSample> sink) {
                scraper = MetricsScraper.standard(runId, api, epochNanos, sink);
                scraper.start();
            }

            @Override
            public synchronized void stop() {
                if (scraper != null) scraper.stop();
                api.close();
            }

            @Override
            public synchronized Boolean metricsEndpoint() { return scraper == null ? null : scraper.metricsEndpoint(); }
        };
    }

    private HttpEngineApi httpApi(String baseUrl, EngineKind kind, String apiKeyEnv) {
        return HttpEngineApi.create(baseUrl, EngineAdapters.forKind(kind), apiKeyEnv, API_TIMEOUT, env);
    }
}
