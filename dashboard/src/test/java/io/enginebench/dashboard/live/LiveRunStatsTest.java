package io.enginebench.dashboard.live;

import io.enginebench.trace.EngineMetricSample;
import io.enginebench.trace.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LiveRunStatsTest {
    private static final long MS = 1_000_000L;

    /** A request sent at {@code sentMs}, first token after {@code ttftMs}, then one token every {@code tpotMs}. */
    static RequestRecord ok(long idx, long sentMs, long ttftMs, long tpotMs, int tokens) {
        long first = (sentMs + ttftMs) * MS;
        long last = first + (tokens - 1) * tpotMs * MS;
        return new RequestRecord("r", idx, "measured", 0, 4, null, null, null, null, "completions", tokens, 0, true,
                "none", sentMs * MS, sentMs * MS, sentMs * MS, first, first, last, last, List.of(), List.of(), false,
                null, 10, tokens, 0, true, tokens, tokens * 4L, "length", "ok", 200, null, null);
    }

    static RequestRecord failed(long idx, long atMs) {
        return new RequestRecord("r", idx, "measured", 1, 8, null, null, null, null, "completions", 10, 0, true,
                "none", atMs * MS, atMs * MS, null, null, null, null, atMs * MS, List.of(), List.of(), false,
                null, null, null, null, false, 0, 0, null, "timeout", null, "deadline", null);
    }

    @Test
    void windowPercentilesRatesAndCounters() {
        LiveRunStats s = new LiveRunStats(10_000 * MS);
        assertThat(s.closePoint()).isFalse();  // nothing yet: no point
        for (int i = 0; i < 100; i++) s.request(ok(i, 100L * i, 50 + i, 10, 11));  // ttft 50..149 ms, tpot 10 ms
        s.request(failed(100, 10_000));
        assertThat(s.closePoint()).isTrue();
        LivePoint p = s.latest();
        assertThat(p.seq()).isEqualTo(1);
        assertThat(p.requestsDone()).isEqualTo(101);
        assertThat(p.requestsFailed()).isEqualTo(1);
        assertThat(p.ttftP50Ms()).isCloseTo(99.0, within(1.0));
        assertThat(p.ttftP99Ms()).isCloseTo(148.0, within(1.5));
        assertThat(p.tpotP50Ms()).isCloseTo(10.0, within(0.05));
        // window = [0.0 s, 10.0 s]: the requests ending in it, 11 tokens each, over 10 s
        assertThat(p.tokensPerS()).isCloseTo(p.requestsPerS() * 11 * 100 / 101.0, within(0.5));
        assertThat(s.levelIndex()).isEqualTo(1);
        assertThat(s.concurrency()).isEqualTo(8);
        assertThat(s.closePoint()).isFalse();  // no new record: no new point

        // 30 s later only the new requests are in the window
        for (int i = 0; i < 10; i++) s.request(ok(200 + i, 40_000 + 100L * i, 500, 20, 5));
        s.metric(new EngineMetricSample("r", 41_000 * MS, "prometheus", "kv_cache_usage", "x", "engine=\"0\"", 0.25));
        s.metric(new EngineMetricSample("r", 41_000 * MS, "prometheus", "kv_cache_usage", "x", "engine=\"1\"", 0.75));
        s.metric(new EngineMetricSample("r", 41_000 * MS, "prometheus", "requests_waiting", "x", "engine=\"0\"", 3));
        s.metric(new EngineMetricSample("r", 41_000 * MS, "prometheus", "requests_waiting", "x", "engine=\"1\"", 2));
        s.metric(new EngineMetricSample("r", 41_000 * MS, "prometheus", "gpu_utilization", "x", "", 0.9));
        assertThat(s.closePoint()).isTrue();
        LivePoint q = s.latest();
        assertThat(q.seq()).isEqualTo(2);
        assertThat(q.ttftP50Ms()).isCloseTo(500.0, within(0.5));
        assertThat(q.tpotP99Ms()).isCloseTo(20.0, within(0.05));
        assertThat(q.requestsPerS()).isCloseTo(1.0, within(1e-9));  // 10 requests in a 10 s window
        assertThat(q.kvCacheUsage()).isEqualTo(0.75);
        assertThat(q.requestsWaiting()).isEqualTo(5.0);
        assertThat(q.requestsRunning()).isNull();
        assertThat(s.history()).extracting(LivePoint::seq).containsExactly(1L, 2L);
    }
}
