package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Computes {@link LevelStats} from trace rows and prints them as an aligned table. */
public final class TraceSummary {
    private TraceSummary() {}

    public static List<LevelStats> perLevel(List<RequestRecord> records) {
        Map<String, List<RequestRecord>> byLevel = new TreeMap<>();
        for (RequestRecord r : records) {
            if (!r.isMeasured()) continue;
            String key = String.format("%06d|%s", r.levelIndex(), Objects.toString(r.arm(), ""));
            byLevel.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<LevelStats> out = new ArrayList<>();
        byLevel.values().forEach(rs -> out.add(level(rs)));
        return out;
    }

    public static LevelStats level(List<RequestRecord> rs) {
        RequestRecord first = rs.get(0);
        long ok = 0;
        long failed = 0;
        long tokens = 0;
        long firstSent = Long.MAX_VALUE;
        long lastDone = Long.MIN_VALUE;
        Samples ttft = new Samples();
        Samples ttftSched = new Samples();
        Samples tpot = new Samples();
        Samples e2e = new Samples();
        Samples e2eSched = new Samples();
        for (RequestRecord r : rs) {
            if (r.sentNs() != null) firstSent = Math.min(firstSent, r.sentNs());
            if (r.completedNs() != null) lastDone = Math.max(lastDone, r.completedNs());
            if (!r.isOk()) {
                failed++;
                continue;
            }
            ok++;
            if (r.completionTokens() != null) tokens += r.completionTokens();
            ttft.add(RequestLatency.ttftMs(r));
            ttftSched.add(RequestLatency.ttftSchedMs(r));
            tpot.add(RequestLatency.tpotMs(r));
            e2e.add(RequestLatency.e2eMs(r));
            e2eSched.add(RequestLatency.e2eSchedMs(r));
        }
        double duration = lastDone > firstSent ? (lastDone - firstSent) / 1e9 : Double.NaN;
        return new LevelStats(first.levelIndex(), first.arm(), first.concurrency(), first.targetRate(), ok, failed,
                ttft.p(50), ttft.p(90), ttft.p(99), tpot.p(50), tpot.p(90), tpot.p(99),
                duration, tokens / duration, ok / duration,
                ttftSched.p(50), ttftSched.p(90), ttftSched.p(99), e2e.p(50), e2e.p(99), e2eSched.p(50), e2eSched.p(99));
    }

    /** Values of one metric (NaN skipped), sorted once for its percentiles. */
    private static final class Samples {
        private final List<Double> values = new ArrayList<>();
        private double[] sorted;

        void add(double v) { if (!Double.isNaN(v)) values.add(v); }

        double p(double pct) {
            if (sorted == null) sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return Percentiles.ofSorted(sorted, pct);
        }
    }

    /** Measured requests per outcome (warm-up excluded), as the manifest's {@code outcomes}. */
    public static Map<String, Long> outcomeCounts(List<RequestRecord> records) {
        Map<String, Long> m = new TreeMap<>();
        for (RequestRecord r : records) if (r.isMeasured()) m.merge(r.outcome(), 1L, Long::sum);
        return m;
    }

    /** One line for the console, ok first: {@code outcomes: ok 4, http_error 2}. */
    public static String outcomesLine(Map<String, Long> counts) {
        StringBuilder b = new StringBuilder("outcomes:");
        if (counts.isEmpty()) return b.append(" none\n").toString();
        String sep = " ";
        if (counts.containsKey("ok")) {
            b.append(sep).append("ok ").append(counts.get("ok"));
            sep = ", ";
        }
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getKey().equals("ok")) continue;
            b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        return b.append('\n').toString();
    }

    public static String table(List<LevelStats> levels) {
        ConsoleTable t = new ConsoleTable("level", "arm", "load", "ok", "failed", "timed from", "ttft p50", "ttft p99",
                "tpot p50", "tpot p99", "e2e p50", "e2e p99", "out tok/s", "req/s");
        boolean anyOpen = false;
        for (LevelStats s : levels) {
            String load = s.targetRate() != null ? String.format("%.2f req/s", s.targetRate())
                    + (s.concurrency() != null ? " cap " + s.concurrency() : "")
                    : s.concurrency() != null ? "c=" + s.concurrency() : "";
            LevelStats.Judged j = s.judged();
            anyOpen |= s.openLoop();
            t.row(Integer.toString(s.levelIndex()), s.arm() == null ? "" : s.arm(), load, Long.toString(s.ok()),
                    Long.toString(s.failed()), j.basis(), ms(j.ttftP50Ms()), ms(j.ttftP99Ms()), ms(s.tpotP50Ms()),
                    ms(s.tpotP99Ms()), ms(j.e2eP50Ms()), ms(j.e2eP99Ms()), num(s.outputTps()), num(s.requestRps()));
        }
        return t.render() + "times in ms; TTFT = first token − sent, E2E = completed − sent"
                + (anyOpen ? " (\"scheduled\" rows: ttft_sched, e2e_sched = from the scheduled send, queueing"
                        + " included)" : "")
                + "; TPOT = (last − first token)/(completion_tokens − 1); percentiles exact (type 7)\n";
    }

    private static String ms(double v) { return Double.isNaN(v) ? "-" : String.format("%.1f", v); }

    private static String num(double v) { return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format("%.2f", v); }
}
