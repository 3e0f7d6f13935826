package io.enginebench.dashboard.http;

import io.enginebench.dashboard.DashboardConfig;
import io.enginebench.dashboard.DashboardServer;
import io.enginebench.dashboard.results.ResultsSource;
import io.enginebench.dashboard.results.RunFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Warehouse queries run on the worker pool, not the event loop, and a query that blows up still gets an answer. */
class ResultsOffTheEventLoopTest {
    @TempDir Path tmp;

    @Test
    void queriesRunOnWorkersAndFailuresAreAnswered() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        ResultsSource source = new ResultsSource() {
            @Override public boolean available() { return true; }

            @Override public List<Map<String, Object>> runs(RunFilter f) {
                threads.add(Thread.currentThread().getName());
                return List.of(Map.of("run_uid", "u1", "engine", "vllm"));
            }

            @Override public Optional<Map<String, Object>> run(String id) {
                throw new AssertionError("broken library");  // an Error, not an exception
            }

            @Override public List<Map<String, Object>> runSummary(String id) { return List.of(); }

            @Override public List<Map<String, Object>> winners(String s, String m) { return List.of(); }

            @Override public List<Map<String, Object>> cellSummary(String s, String m) { return List.of(); }
        };
        DashboardConfig cfg = DashboardConfig.defaults().withPort(0)
                .withDirs(tmp.resolve("r"), tmp.resolve("w"), tmp.resolve("p"));
        try (DashboardServer d = DashboardServer.start(cfg, source)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> runs = http.send(req(d, "/api/runs"), HttpResponse.BodyHandlers.ofString());
            assertThat(runs.statusCode()).isEqualTo(200);
            assertThat(runs.body()).contains("\"run_uid\":\"u1\"").contains("\"ingested\":true");
            assertThat(threads).isNotEmpty().allMatch(t -> t.startsWith("dashboard-worker"));

            HttpResponse<String> broken = http.send(req(d, "/api/runs/u1"), HttpResponse.BodyHandlers.ofString());
            assertThat(broken.statusCode()).isEqualTo(500);
            assertThat(broken.body()).contains("broken library");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(d.url() + "api/runs"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    private static HttpRequest req(DashboardServer d, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + path))
                .timeout(Duration.ofSeconds(10)).build();
    }
}
