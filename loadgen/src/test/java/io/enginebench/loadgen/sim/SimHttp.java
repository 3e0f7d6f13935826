package io.enginebench.loadgen.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** A small JDK HttpClient test client for the simulator: JSON calls and SSE streams with arrival times. */
final class SimHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One SSE {@code data:} payload and when its line arrived (System.nanoTime). */
    record Event(String data, long nanos) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean done() { return data.equals("[DONE]"); }
    }

    record Stream_(int status, List<Event> events, long sentNanos) {}

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    SimHttp(SimServer server) {
        this.base = server.baseUrl();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postJson(String path, String body) throws IOException, InterruptedException {
        return JSON.readTree(post(path, body).body());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path).body());
    }

    Stream_ stream(String path, String body) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        HttpResponse<Stream<String>> r = client.send(request(path, body), HttpResponse.BodyHandlers.ofLines());
        List<Event> events = new ArrayList<>();
        for (Iterator<String> it = r.body().iterator(); it.hasNext(); ) {
            String line = it.next();
            if (line.startsWith("data: ")) events.add(new Event(line.substring(6), System.nanoTime()));
        }
        return new Stream_(r.statusCode(), events, sent);
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return client.sendAsync(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Parses an SSE body fetched as one string into its data payloads. */
    static List<String> dataLines(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) if (line.startsWith("data: ")) out.add(line.substring(6));
        return out;
    }

    /** Value of one Prometheus series (exact name and label text match), or NaN. */
    static double metric(String text, String nameWithLabels) {
        for (String line : text.split("\n")) {
            if (line.startsWith(nameWithLabels + " ")) return Double.parseDouble(line.substring(nameWithLabels.length() + 1));
        }
        return Double.NaN;
    }

    /** A prompt of exactly n tokens under the simulator's tokenizer, distinct per {@code tag}. */
    static String prompt(int n, String tag) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(' ').append(tag).append(Integer.toString(i % 1000, 36));
        return sb.toString();
    }
}
