package io.enginebench.dashboard.live;

import io.enginebench.loadgen.summary.RequestLatency;
import io.enginebench.trace.EngineMetricSample;
import io.enginebench.trace.RequestRecord;
import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live statistics of one run, fed with its journal records in order. Latency percentiles and rates cover a sliding
 * window of the run's own clock (offsets from the run epoch), so they read the same whether the dashboard follows the
 * run as it happens or catches up on a journal later. Percentiles come from an HdrHistogram (3 significant digits):
 * good for watching, not for reporting; the pipeline computes exact ones from the Parquet rows.
 */
public final class LiveRunStats {
    private static final int HISTORY = 1200;

    private record Done(long completedNs, double ttftMs, double tpotMs, long tokens) {}

    private final long windowNs;
    private final Deque<Done> window = new ArrayDeque<>();
    private final Deque<LivePoint> history = new ArrayDeque<>();
    private final Map<String, Map<String, Double>> latestMetric = new HashMap<>();
    private long seq;
    private long done, failed, measured, warmup;
    private long latestEventNs;
    private Integer levelIndex, concurrency;
    private Double targetRate;
    private boolean changed;

    public LiveRunStats(long windowNs) { this.windowNs = windowNs; }

    public double windowS() { return windowNs / 1e9; }

    public void request(RequestRecord r) {
        done++;
        if (r.isMeasured()) measured++; else warmup++;
        if (!r.isOk()) failed++;
        levelIndex = r.levelIndex();
        concurrency = r.concurrency();
        targetRate = r.targetRate();
        long at = r.completedNs() != null ? r.completedNs() : r.scheduledNs();
        latestEventNs = Math.max(latestEventNs, at);
        if (r.isOk()) {
            long tokens = r.completionTokens() != null ? r.completionTokens() : r.contentChunkCount();
            window.addLast(new Done(at, RequestLatency.ttftMs(r), RequestLatency.tpotMs(r), tokens));
        } else {
            window.addLast(new Done(at, Double.NaN, Double.NaN, 0));
        }
        changed = true;
    }

    public void metric(EngineMetricSample s) {
        switch (s.name()) {
            case "kv_cache_usage", "requests_waiting", "requests_running" -> {
                latestMetric.computeIfAbsent(s.name(), k -> new HashMap<>())
                        .put(s.labels() == null ? "" : s.labels(), s.value());
                latestEventNs = Math.max(latestEventNs, s.tNs());
                changed = true;
            }
            default -> { /* other series are not shown live */ }
        }
    }

    /** Appends a point if records arrived since the last call; returns whether it did. */
    public boolean closePoint() {
        if (!changed) return false;
        changed = false;
        long end = latestEventNs;
        while (!window.isEmpty() && window.peekFirst().completedNs() < end - windowNs) window.removeFirst();
        Histogram ttft = new Histogram(3);
        Histogram tpot = new Histogram(3);
        long tokens = 0;
        for (Done d : window) {
            if (!Double.isNaN(d.ttftMs())) ttft.recordValue(micros(d.ttftMs()));
            if (!Double.isNaN(d.tpotMs())) tpot.recordValue(micros(d.tpotMs()));
            tokens += d.tokens();
        }
        // while the run is younger than the window, divide by the time it has actually run
        double spanS = Math.max(1e-3, Math.min(windowNs, end) / 1e9);
        LivePoint p = new LivePoint(++seq, end / 1e9, done, failed,
                pct(ttft, 50), pct(ttft, 99), pct(tpot, 50), pct(tpot, 99),
                window.isEmpty() ? null : tokens / spanS, window.isEmpty() ? null : window.size() / spanS,
                aggregate("kv_cache_usage", true), aggregate("requests_waiting", false),
                aggregate("requests_running", false));
        history.addLast(p);
        if (history.size() > HISTORY) history.removeFirst();
        return true;
    }

    public LivePoint latest() { return history.peekLast(); }

    public List<LivePoint> history() { return new ArrayList<>(history); }

    public long done() { return done; }

    public long failed() { return failed; }

    public long measured() { return measured; }

    public long warmup() { return warmup; }

    public Integer levelIndex() { return levelIndex; }

    public Integer concurrency() { return concurrency; }

    public Double targetRate() { return targetRate; }

    /** KV-cache use: the fullest series (one per engine/GPU group); queue depths add up over series. */
    private Double aggregate(String name, boolean max) {
        Map<String, Double> series = latestMetric.get(name);
        if (series == null || series.isEmpty()) return null;
        return max ? series.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                : series.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static long micros(double ms) { return Math.max(0, Math.round(ms * 1000)); }

    private static Double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? null : h.getValueAtPercentile(p) / 1000.0;
    }
}
