package io.enginebench.loadgen.metrics;

import com.sun.net.httpserver.HttpServer;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.HttpEngineApi;
import io.enginebench.trace.EngineMetricSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsScraperTest {
    private HttpServer server;
    private final AtomicInteger scrapes = new AtomicInteger();

    private String serve(String metrics, String serverInfo) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", ex -> {
            scrapes.incrementAndGet();
            byte[] out = metrics.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        if (serverInfo != null) {
            server.createContext("/get_server_info", ex -> {
                byte[] out = serverInfo.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
            });
        }
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An OpenAI-compatible server without a metrics endpoint: every GET of /metrics answers 404. */
    private String serveNotFound() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", ex -> {
            scrapes.incrementAndGet();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aMetricsEndpointAnswering404IsAskedOnceAndRecordedAsMissing() throws Exception {
        String url = serveNotFound();
        List<EngineMetricSample> got = new CopyOnWriteArrayList<>();
        MetricsScraper scraper = new MetricsScraper("run-404", HttpEngineApi.create(url, EngineKind.OPENAI),
                System.nanoTime(), Duration.ofSeconds(1), Optional.empty(), got::add);
        assertThat(scraper.metricsEndpoint()).as("before the first answer").isNull();
        for (int i = 0; i < 5; i++) scraper.scrapeOnce();
        assertThat(scrapes.get()).as("GETs of /metrics").isEqualTo(1);
        assertThat(scraper.metricsEndpoint()).isFalse();
        assertThat(got).isEmpty();
    }

    @Test
    void aServedMetricsEndpointIsRecordedAsPresent() throws Exception {
        String url = serve("vllm:num_requests_running 1\n", null);
        MetricsScraper scraper = new MetricsScraper("run-ok", HttpEngineApi.create(url, EngineKind.VLLM),
                System.nanoTime(), Duration.ofSeconds(1), Optional.empty(), s -> { });
        scraper.scrapeOnce();
        scraper.scrapeOnce();
        assertThat(scrapes.get()).isEqualTo(2);
        assertThat(scraper.metricsEndpoint()).isTrue();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void pollsOnItsOwnThreadAndStopsCleanly() throws Exception {
        String url = serve(PrometheusTextParserTest.body(PrometheusTextParserTest.resource("/wire-captures/llamacpp-metrics.http")), null);
        List<EngineMetricSample> got = new CopyOnWriteArrayList<>();
        long epoch = System.nanoTime();
        MetricsScraper scraper = new MetricsScraper("run-1", HttpEngineApi.create(url, EngineKind.LLAMACPP), epoch,
                Duration.ofMillis(40), Optional.empty(), got::add);
        scraper.start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (scrapes.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        scraper.stop();
        int afterStop = got.size();
        Thread.sleep(120);
        assertThat(got).hasSize(afterStop);
        assertThat(scrapes.get()).isGreaterThanOrEqualTo(3);
        assertThat(afterStop % 5).as("5 aliased series per scrape").isZero();

        EngineMetricSample kv = got.stream().filter(s -> s.name().equals("kv_cache_usage")).findFirst().orElseThrow();
        assertThat(kv.runId()).isEqualTo("run-1");
        assertThat(kv.source()).isEqualTo("prometheus");
        assertThat(kv.rawName()).isEqualTo("llamacpp:kv_cache_usage_ratio");
        assertThat(kv.labels()).isEmpty();
        assertThat(kv.value()).isEqualTo(0.00469971);
        assertThat(kv.tNs()).isGreaterThan(0).isLessThan(System.nanoTime() - epoch);
        assertThat(got.stream().map(EngineMetricSample::name).distinct())
                .containsExactlyInAnyOrder("kv_cache_usage", "requests_running", "requests_waiting",
                        "prompt_tokens_total", "generation_tokens_total");
        assertThat(scraper.failedScrapes()).isZero();
    }

    @Test
    void sglangServerInfoLiveStateIsSampled() throws Exception {
        String url = serve("sglang:num_running_reqs{model_name=\"m\"} 4\n",
                "{\"version\":\"0.5.3\",\"tp_size\":2,\"internal_states\":[{\"avg_spec_accept_length\":2.5,"
                        + "\"last_gen_throughput\":812.5,\"memory_usage\":{\"kvcache\":1.5}}]}");
        List<EngineMetricSample> got = new CopyOnWriteArrayList<>();
        MetricsScraper scraper = new MetricsScraper("r", HttpEngineApi.create(url, EngineKind.SGLANG), System.nanoTime(),
                Duration.ofSeconds(1), Optional.empty(), got::add);
        scraper.scrapeOnce();
        assertThat(got).extracting(EngineMetricSample::source, EngineMetricSample::name, EngineMetricSample::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("prometheus", "requests_running", 4.0),
                        org.assertj.core.groups.Tuple.tuple("server_info", "spec_accept_length", 2.5),
                        org.assertj.core.groups.Tuple.tuple("server_info", "gen_throughput_tps", 812.5));
        assertThat(got.stream().filter(s -> s.source().equals("server_info")).findFirst().orElseThrow().labels())
                .isEqualTo("dp_rank=\"0\"");
    }

    @Test
    void nvidiaSmiOutputIsParsedToBytes() {
        List<GpuSampler.GpuReading> r = GpuSampler.parse("0, 10240, 87\n1, [N/A], 3\n2, 512, 0\n");
        assertThat(r).containsExactly(new GpuSampler.GpuReading("0", 10240.0 * 1024 * 1024, 87),
                new GpuSampler.GpuReading("2", 512.0 * 1024 * 1024, 0));
        assertThat(GpuSampler.find("/nonexistent-dir")).isEmpty();
    }
}
