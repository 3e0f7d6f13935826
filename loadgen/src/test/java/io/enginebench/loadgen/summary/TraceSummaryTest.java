package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TraceSummaryTest {

    @Test
    void type7PercentilesMatchHandComputedValues() {
        double[] v = {15, 20, 35, 40, 50};
        // idx = p/100*(n-1): p50 -> 2 -> 35; p90 -> 3.6 -> 40 + 0.6*10 = 46; p99 -> 3.96 -> 49.6; p25 -> 1 -> 20
        assertThat(Percentiles.of(v, 50)).isEqualTo(35.0);
        assertThat(Percentiles.of(v, 90)).isCloseTo(46.0, within(1e-9));
        assertThat(Percentiles.of(v, 99)).isCloseTo(49.6, within(1e-9));
        assertThat(Percentiles.of(v, 25)).isEqualTo(20.0);
        assertThat(Percentiles.of(new double[] {3, 1}, 50)).isEqualTo(2.0);
        assertThat(Percentiles.of(new double[] {7}, 99)).isEqualTo(7.0);
        assertThat(Percentiles.of(new double[0], 50)).isNaN();
    }

    static RequestRecord req(long index, String phase, String outcome, long sent, long first, long last, long done,
                             int tokens) {
        return new RequestRecord("r", index, phase, 0, 2, null, null, "p", "c", "completions", 100, 0, false, "none",
                sent, sent, sent, first, first, last, done, List.of(), List.of(), false, "sha", 10, tokens, null, true,
                tokens, 10, "stop", outcome, 200, null, null);
    }

    @Test
    void levelStatisticsFollowMetricsDefinitions() {
        long ms = 1_000_000;
        List<RequestRecord> rs = new ArrayList<>();
        rs.add(req(0, "warmup", "ok", 0, 999 * ms, 999 * ms, 999 * ms, 5));            // never measured
        // ttft 10, 20, 30, 40 ms; tpot = (last-first)/(tokens-1): 90/9=10, 180/9=20, 90/9=10, 360/9=40
        rs.add(req(1, "measured", "ok", 0, 10 * ms, 100 * ms, 100 * ms, 10));
        rs.add(req(2, "measured", "ok", 0, 20 * ms, 200 * ms, 200 * ms, 10));
        rs.add(req(3, "measured", "ok", 100 * ms, 130 * ms, 220 * ms, 250 * ms, 10));
        rs.add(req(4, "measured", "ok", 100 * ms, 140 * ms, 500 * ms, 1000 * ms, 10));
        rs.add(req(5, "measured", "http_error", 100 * ms, 0, 0, 150 * ms, 0));
        List<LevelStats> levels = TraceSummary.perLevel(rs);
        assertThat(levels).hasSize(1);
        LevelStats s = levels.get(0);
        assertThat(s.ok()).isEqualTo(4);
        assertThat(s.failed()).isEqualTo(1);
        // ttft sorted 10,20,30,40: p50 idx 1.5 -> 25; p99 idx 2.97 -> 39.7
        assertThat(s.ttftP50Ms()).isCloseTo(25.0, within(1e-9));
        assertThat(s.ttftP99Ms()).isCloseTo(39.7, within(1e-9));
        // tpot sorted 10,10,20,40: p50 -> 15; p99 idx 2.97 -> 20 + 0.97*20 = 39.4
        assertThat(s.tpotP50Ms()).isCloseTo(15.0, within(1e-9));
        assertThat(s.tpotP99Ms()).isCloseTo(39.4, within(1e-9));
        // duration: first measured sent (0) to last measured completion (1000 ms) = 1 s; 40 tokens, 4 ok
        assertThat(s.durationS()).isCloseTo(1.0, within(1e-12));
        assertThat(s.outputTps()).isCloseTo(40.0, within(1e-9));
        assertThat(s.requestRps()).isCloseTo(4.0, within(1e-9));
        assertThat(s.errorRate()).isCloseTo(0.2, within(1e-12));
        String table = TraceSummary.table(levels);
        assertThat(table).contains("ttft p50").contains("25.0").contains("39.4").contains("40.00");
    }

    static RequestRecord openLoopReq(long index, long scheduled, long sent, long first, long done) {
        return new RequestRecord("r", index, "measured", 0, null, 4.0, null, "p", "c", "completions", 100, 0, false,
                "none", scheduled, sent, sent, first, first, first + 45_000_000L, done, List.of(), List.of(), false, "sha", 10, 10,
                null, true, 10, 10, "stop", "ok", 200, null, null, sent - scheduled);
    }

    @Test
    void openLoopLevelsAreShownAndJudgedFromTheScheduledSend() {
        long ms = 1_000_000;
        // each waited 100 ms between schedule and send (cap or connection): ttft 10 ms from the send, 110 ms scheduled;
        // tpot 45 ms / 9 = 5 ms
        List<RequestRecord> rs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long sched = i * 50 * ms;
            rs.add(openLoopReq(i, sched, sched + 100 * ms, sched + 110 * ms, sched + 200 * ms));
        }
        LevelStats s = TraceSummary.level(rs);
        assertThat(s.openLoop()).isTrue();
        assertThat(s.ttftP90Ms()).as("sent-based, under its own name").isCloseTo(10.0, within(1e-9));
        assertThat(s.ttftSchedP90Ms()).isCloseTo(110.0, within(1e-9));
        assertThat(s.e2eSchedP50Ms()).isCloseTo(200.0, within(1e-9));
        assertThat(s.e2eP50Ms()).isCloseTo(100.0, within(1e-9));
        assertThat(s.judged()).isEqualTo(new LevelStats.Judged("scheduled", 110.0, 110.0, 110.0, 200.0, 200.0));
        String table = TraceSummary.table(List.of(s));
        assertThat(table).contains("timed from", "scheduled", "110.0", "200.0", "ttft_sched").doesNotContain(" 10.0 ");

        LevelStats closed = TraceSummary.level(List.of(req(1, "measured", "ok", 0, 10 * ms, 100 * ms, 100 * ms, 10)));
        assertThat(closed.judged().basis()).isEqualTo("sent");
        assertThat(TraceSummary.table(List.of(closed))).contains("sent").doesNotContain("ttft_sched");
    }

    @Test
    void liveLatencyLabelsTheScheduledBasis() {
        LiveLatency live = new LiveLatency();
        live.record(5, 1);
        assertThat(live.snapshot().render(true)).startsWith("TTFT(sched) p50 5.0");
        assertThat(live.snapshot().render(false)).startsWith("TTFT p50 5.0");
    }

    @Test
    void liveLatencyTracksPercentiles() {
        LiveLatency live = new LiveLatency();
        for (int i = 1; i <= 100; i++) live.record(i, i / 10.0);
        LiveLatency.Snapshot s = live.snapshot();
        assertThat(s.ttftP50Ms()).isCloseTo(50.0, within(0.1));
        assertThat(s.ttftP99Ms()).isCloseTo(99.0, within(0.1));
        assertThat(s.tpotP99Ms()).isCloseTo(9.9, within(0.01));
    }

    @Test
    void textTableAlignsColumns() {
        String t = new ConsoleTable("name", "n").row("a", "5").row("longer", "123").render();
        List<String> lines = t.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).isEqualTo("a         5");
        assertThat(lines.get(3)).isEqualTo("longer  123");
    }
}
