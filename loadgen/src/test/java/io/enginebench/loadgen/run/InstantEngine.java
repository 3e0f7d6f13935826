package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.openai.Usage;
import io.enginebench.trace.Outcome;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An engine that answers every request at once with a {@code chunks}-token stream, keeping nothing per request: for
 * tests that push many requests through the runner and watch what the runner itself keeps.
 */
final class InstantEngine implements EngineConnector {
    private final FakeEngine rest = new FakeEngine(0, 1, true);
    private final int chunks;
    private final ExecutorService answerer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "instant-engine");
        t.setDaemon(true);
        return t;
    });

    InstantEngine(int chunks) { this.chunks = chunks; }

    @Override
    public StreamingClient client(String baseUrl, int maxConnections, String apiKeyEnv) {
        return new StreamingClient() {
            @Override
            public CompletableFuture<StreamResult> send(StreamRequest request) {
                long sentAt = System.nanoTime();
                // answered on another thread, as a network client would, so the closed loop never recurses
                return CompletableFuture.supplyAsync(() -> {
                    long[] at = new long[chunks];
                    int[] tok = new int[chunks];
                    for (int i = 0; i < chunks; i++) {
                        at[i] = System.nanoTime();
                        tok[i] = 1;
                    }
                    long end = System.nanoTime();
                    return new StreamResult(Outcome.OK, 200, null, sentAt, sentAt, at[0], at[0], at[chunks - 1],
                            end, at, tok, true, "w".repeat(chunks), chunks, new Usage(8, chunks, 0), "length");
                }, answerer);
            }

            @Override
            public void close() { answerer.shutdown(); }
        };
    }

    @Override
    public EngineAdapter adapter(EngineKind kind) { return rest.adapter(kind); }

    @Override
    public EngineApi api(String baseUrl, EngineKind kind, String apiKeyEnv) { return rest.api(baseUrl, kind, apiKeyEnv); }

    @Override
    public MetricsPoller metricsPoller(String baseUrl, EngineKind kind, String apiKeyEnv, String runId) {
        return rest.metricsPoller(baseUrl, kind, apiKeyEnv, runId);
    }
}
