package io.enginebench.loadgen.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.loadgen.engine.HttpEngineApi;
import io.enginebench.trace.EngineMetricSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Samples the engine's own view of the load while a run goes: Prometheus {@code /metrics} (aliased series only),
 * SGLang's {@code /get_server_info} live state, and {@code nvidia-smi} when present. Runs on its own thread, one
 * scrape per interval, and never on the load path. Times are {@code System.nanoTime()} at the response, relative to
 * the run epoch.
 */
public final class MetricsScraper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsScraper.class);
    private static final Map<String, String> SERVER_INFO_ALIASES = Map.of(
            "avg_spec_accept_length", "spec_accept_length",
            "last_gen_throughput", "gen_throughput_tps",
            "memory_usage", "memory_usage_gb");

    private final String runId;
    private final HttpEngineApi api;
    private final long epochNanos;
    private final Duration interval;
    private final Optional<GpuSampler> gpu;
    private final Consumer<EngineMetricSample> sink;
    private final PrometheusTextParser parser = new PrometheusTextParser();
    private final MetricAliases aliases = new MetricAliases();
    private final AtomicLong failedScrapes = new AtomicLong();
    /** null until the metrics path answers; false once it answered 404 (then it is not asked again), else true */
    private volatile Boolean metricsEndpoint;
    private ScheduledExecutorService executor;

    /**
     * @param epochNanos the run's epoch ({@code System.nanoTime()}); samples carry offsets from it
     * @param gpu        an nvidia-smi sampler, or empty
     */
    public MetricsScraper(String runId, HttpEngineApi api, long epochNanos, Duration interval, Optional<GpuSampler> gpu,
                          Consumer<EngineMetricSample> sink) {
        this.runId = runId;
        this.api = api;
        this.epochNanos = epochNanos;
        this.interval = interval == null ? Duration.ofSeconds(1) : interval;
        this.gpu = gpu;
        this.sink = sink;
    }

    /** With the default 1 s interval and nvidia-smi if it is on the PATH. */
    public static MetricsScraper standard(String runId, HttpEngineApi api, long epochNanos,
                                          Consumer<EngineMetricSample> sink) {
        return new MetricsScraper(runId, api, epochNanos, Duration.ofSeconds(1), GpuSampler.find(System.getenv("PATH")), sink);
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-scraper");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::scrapeSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling, waits for a scrape in progress, then scrapes once more: counters read at the very end of the run
     * make "delta over the run" (prefix-cache hit rate, spec-decode acceptance) cover the whole run.
     */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(interval.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
        scrapeSafely();
    }

    @Override
    public void close() { stop(); }

    public long failedScrapes() { return failedScrapes.get(); }

    /**
     * Whether the engine serves its metrics path: false once it answered 404 (the scraper then stops asking for it),
     * true once it answered anything else, null while it has not answered.
     */
    public Boolean metricsEndpoint() { return metricsEndpoint; }

    private void scrapeSafely() {
        try {
            scrapeOnce();
        } catch (RuntimeException e) {
            // one bad scrape must not end the schedule (an exception would cancel it)
            failedScrapes.incrementAndGet();
            LOG.debug("metrics scrape failed", e);
        }
    }

    /** One round: Prometheus, server info, GPU. Public so a run can take a last sample at its end. */
    public void scrapeOnce() {
        if (!Boolean.FALSE.equals(metricsEndpoint)) scrapePrometheus();
        if (api.adapter().hasServerInfo()) {
            Optional<JsonNode> info = api.getJson("/get_server_info");
            long ti = System.nanoTime() - epochNanos;
            info.ifPresent(node -> emitServerInfo(node, ti));
        }
        gpu.ifPresent(this::sampleGpu);
    }

    private void scrapePrometheus() {
        HttpEngineApi.TextResponse r = api.fetchText(api.adapter().metricsPath());
        long t = System.nanoTime() - epochNanos;
        if (r.status() == 404) {
            // e.g. kind openai: the server has no metrics endpoint, and asking once a second would not change that
            metricsEndpoint = false;
            LOG.debug("{} answered 404: the engine has no metrics endpoint, not polled again", api.adapter().metricsPath());
            return;
        }
        if (r.status() != HttpEngineApi.TextResponse.UNREACHABLE) metricsEndpoint = true;
        if (r.status() != 200) {
            failedScrapes.incrementAndGet();
        } else {
            for (PrometheusSample s : parser.parse(r.body()).samples()) {
                Optional<String> name = aliases.normalise(s.name());
                if (name.isPresent()) {
                    emit(new EngineMetricSample(runId, t, "prometheus", name.get(), s.name(), s.labelsText(), s.value()));
                }
            }
        }
    }

    /** SGLang's live state lives in {@code internal_states[i]} (one per data-parallel rank); its config numbers are skipped. */
    void emitServerInfo(JsonNode info, long t) {
        JsonNode states = info.path("internal_states");
        for (int rank = 0; rank < states.size(); rank++) {
            Iterator<Map.Entry<String, JsonNode>> fields = states.get(rank).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isNumber()) {
                    String name = SERVER_INFO_ALIASES.getOrDefault(f.getKey(), f.getKey());
                    emit(new EngineMetricSample(runId, t, "server_info", name, "internal_states." + f.getKey(),
                            "dp_rank=\"" + rank + "\"", f.getValue().asDouble()));
                }
            }
        }
    }

    private void sampleGpu(GpuSampler sampler) {
        try {
            var readings = sampler.sample();
            long t = System.nanoTime() - epochNanos;
            for (GpuSampler.GpuReading g : readings) {
                String labels = "gpu=\"" + g.index() + "\"";
                emit(new EngineMetricSample(runId, t, "gpu", "gpu_memory_used_bytes", "memory.used", labels, g.memoryUsedBytes()));
                emit(new EngineMetricSample(runId, t, "gpu", "gpu_utilization", "utilization.gpu", labels, g.utilizationPercent()));
            }
        } catch (java.io.IOException e) {
            failedScrapes.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void emit(EngineMetricSample sample) {
        sink.accept(sample);
    }
}
