package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.GenerationRequest;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.openai.Usage;
import io.enginebench.trace.EngineMetricSample;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.TraceJson;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A scripted engine for tests: each request "streams" {@code chunks} one-token chunks and completes after
 * {@code serviceMillis} on a scheduled executor. Structured requests (the body carries a schema) answer with a
 * recipe object, which is valid for the recipe schema only.
 */
final class FakeEngine implements EngineConnector {
    static final String RECIPE = "{\"title\":\"Soup\",\"servings\":4,\"ingredients\":[{\"name\":\"leek\",\"quantity\":\"2\"}],"
            + "\"steps\":[\"Chop\",\"Simmer\"]}";

    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    /** the {@code x-request-id} of every request sent, in send order */
    final List<String> requestIds = new CopyOnWriteArrayList<>();
    /** what the poller reports about the engine's metrics path (false: it answered 404) */
    volatile Boolean metricsEndpoint = true;
    private final long serviceMillis;
    private final int chunks;
    private final boolean reportUsage;
    private final ScheduledExecutorService exec = Executors.newScheduledThreadPool(2);

    FakeEngine(long serviceMillis, int chunks, boolean reportUsage) {
        this.serviceMillis = serviceMillis;
        this.chunks = chunks;
        this.reportUsage = reportUsage;
    }

    @Override
    public StreamingClient client(String baseUrl, int maxConnections, String apiKeyEnv) {
        return new StreamingClient() {
            @Override
            public CompletableFuture<StreamResult> send(StreamRequest request) {
                long sentAt = System.nanoTime();
                sent.incrementAndGet();
                requestIds.add(request.requestId());
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                String body = new String(request.body(), StandardCharsets.UTF_8);
                boolean structured = body.contains("\"json_schema\":{");
                CompletableFuture<StreamResult> f = new CompletableFuture<>();
                exec.schedule(() -> {
                    long end = System.nanoTime();
                    long[] at = new long[chunks];
                    int[] tok = new int[chunks];
                    long first = sentAt + (end - sentAt) / 3;
                    for (int i = 0; i < chunks; i++) {
                        at[i] = first + (end - first) * i / Math.max(1, chunks);
                        tok[i] = 1;
                    }
                    String text = structured ? RECIPE : "word ".repeat(chunks);
                    inFlight.decrementAndGet();
                    f.complete(new StreamResult(Outcome.OK, 200, null, sentAt, sentAt + 1000, first, first,
                            at[chunks - 1], end, at, tok, false, text, chunks,
                            reportUsage ? new Usage(body.length() / 4, chunks, 0) : null, "length"));
                }, serviceMillis, TimeUnit.MILLISECONDS);
                return f;
            }

            @Override
            public void close() { exec.shutdown(); }
        };
    }

    @Override
    public EngineAdapter adapter(EngineKind kind) {
        return new EngineAdapter() {
            @Override public EngineKind kind() { return kind; }

            @Override public byte[] streamingBody(GenerationRequest r) {
                var node = TraceJson.mapper().createObjectNode();
                node.put("model", r.model());
                node.put("max_tokens", r.maxTokens());
                if (r.prompt() != null) node.put("prompt", r.prompt());
                if (r.messages() != null) node.set("messages", TraceJson.mapper().valueToTree(r.messages()));
                if (r.structured()) {
                    var js = node.putObject("response_format").put("type", "json_schema").putObject("json_schema");
                    js.put("name", r.schemaName());
                    js.set("schema", r.jsonSchema());
                }
                return node.toString().getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    @Override
    public EngineApi api(String baseUrl, EngineKind kind, String apiKeyEnv) {
        return new EngineApi() {
            @Override public boolean healthy() { return true; }

            @Override public Optional<String> version() { return Optional.of("fake-1.0"); }

            @Override public OptionalInt countTokens(String model, String text) {
                return OptionalInt.of((int) Math.ceil(text.length() / 3.0));
            }

            @Override public void close() {}
        };
    }

    @Override
    public MetricsPoller metricsPoller(String baseUrl, EngineKind kind, String apiKeyEnv, String runId) {
        return new MetricsPoller() {
            @Override public void start(long epochNanos, Consumer<EngineMetricSample> sink) {
                sink.accept(new EngineMetricSample(runId, System.nanoTime() - epochNanos, "prometheus",
                        "requests_running", "vllm:num_requests_running", "", 0));
            }

            @Override public void stop() {}

            @Override public Boolean metricsEndpoint() { return metricsEndpoint; }
        };
    }
}
