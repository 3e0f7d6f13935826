package io.enginebench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.trace.EngineMetricSample;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.TraceSchema;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A small stand-in for the load generator in tests: streams real completions from the simulator with
 * java.net.http, times the SSE events, and writes the records to a run folder's journal exactly as a run does
 * (manifest {@code running}, journal lines, then seal). The dashboard sees nothing but the files.
 */
final class SimRunDriver implements AutoCloseable {
    private final ObjectMapper json = TraceJson.mapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final RunFolder folder;
    private final RunManifest manifest;
    private final RunJournal journal;
    private final long epochNano = System.nanoTime();
    private final AtomicLong index = new AtomicLong();

    SimRunDriver(Path resultsDir, String baseUrl, String scenario) throws IOException {
        this.baseUrl = baseUrl;
        String runId = UUID.randomUUID().toString();
        this.folder = new RunFolder(resultsDir.resolve(runId));
        long epochUnixNs = Instant.now().toEpochMilli() * 1_000_000L;
        this.manifest = new RunManifest(runId, TraceSchema.VERSION, Instant.now().toString(), null, RunStatus.RUNNING,
                scenario, json.createObjectNode(),
                new RunManifest.EngineInfo("sim", "vllm", baseUrl, "sim-fixed", "sim-0.1.0", "vllm", "fixed"),
                "test", new RunManifest.LoadgenInfo("test", "none"), "localhost", "17", 1, null, Map.of(),
                epochUnixNs, null, Map.of());
        folder.writeManifest(manifest);
        this.journal = RunJournal.open(folder.dir());
    }

    String runId() { return manifest.runId(); }

    /** Sends {@code n} streaming completions, {@code concurrency} at a time, and journals each one when it ends. */
    void requests(int n, int concurrency) {
        for (int done = 0; done < n; done += concurrency) {
            List<CompletableFuture<Void>> wave = new ArrayList<>();
            for (int i = 0; i < Math.min(concurrency, n - done); i++) wave.add(one(concurrency));
            CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).join();
        }
    }

    private CompletableFuture<Void> one(int concurrency) {
        long idx = index.getAndIncrement();
        String body = "{\"model\":\"sim-fixed\",\"prompt\":\"hello there, how are you\",\"max_tokens\":24,"
                + "\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long scheduled = now();
        long sent = now();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(res -> {
            long headers = now();
            List<Long> chunks = new ArrayList<>();
            Integer[] usage = new Integer[2];
            try (Stream<String> lines = res.body()) {
                lines.forEach(line -> {
                    long at = now();
                    if (!line.startsWith("data: ") || line.equals("data: [DONE]")) return;
                    try {
                        JsonNode ev = json.readTree(line.substring(6));
                        JsonNode choices = ev.path("choices");
                        if (choices.size() > 0 && !choices.get(0).path("text").asText("").isEmpty()) chunks.add(at);
                        if (ev.hasNonNull("usage")) {
                            usage[0] = ev.get("usage").path("prompt_tokens").asInt();
                            usage[1] = ev.get("usage").path("completion_tokens").asInt();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            long completed = now();
            boolean ok = res.statusCode() == 200 && !chunks.isEmpty();
            journal.record(new RequestRecord(manifest.runId(), idx, "measured", 0, concurrency, null, null, null, null,
                    "completions", 24, 0.0, true, "none", scheduled, sent, headers,
                    chunks.isEmpty() ? null : chunks.get(0), chunks.isEmpty() ? null : chunks.get(0),
                    chunks.isEmpty() ? null : chunks.get(chunks.size() - 1), completed, chunks,
                    chunks.stream().map(c -> 1).toList(), false, null, usage[0], usage[1], 0, usage[1] != null,
                    chunks.size(), chunks.size() * 4L, ok ? "length" : null, ok ? "ok" : "http_error",
                    res.statusCode(), null, null));
        });
    }

    /** Scrapes the simulator's Prometheus text once and journals the three gauges the live view shows. */
    void scrapeMetrics() throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long t = now();
        Map<String, String> names = Map.of("vllm:kv_cache_usage_perc", "kv_cache_usage",
                "vllm:num_requests_waiting", "requests_waiting", "vllm:num_requests_running", "requests_running");
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String raw = line.split("[{ ]", 2)[0];
            if (!names.containsKey(raw)) continue;
            int brace = line.indexOf('{');
            String labels = brace < 0 ? "" : line.substring(brace + 1, line.indexOf('}'));
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            journal.record(new EngineMetricSample(manifest.runId(), t, "prometheus", names.get(raw), raw, labels, value));
        }
    }

    /** Ends the run as the load generator does: journal to Parquet, manifest {@code complete}. */
    void finish() throws IOException {
        journal.close();
        folder.seal(manifest, RunStatus.COMPLETE);
    }

    private long now() { return System.nanoTime() - epochNano; }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
