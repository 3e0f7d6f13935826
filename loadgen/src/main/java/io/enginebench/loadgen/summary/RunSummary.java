package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Computes {@link LevelStats} from trace rows and prints them as an aligned table. */
public final class RunSummary {
    private RunSummary() {}

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
        List<Double> ttft = new ArrayList<>();
        List<Double> tpot = new ArrayList<>();
        for (RequestRecord r : rs) {
            if (r.sentNs() != null) firstSent = Math.min(firstSent, r.sentNs());
            if (r.completedNs() != null) lastDone = Math.max(lastDone, r.completedNs());
            if (!r.isOk()) {
                failed++;
                continue;
            }
            ok++;
            if (r.completionTokens() != null) tokens += r.completionTokens();
            double t = RequestMetrics.ttftMs(r);
            if (!Double.isNaN(t)) ttft.add(t);
            double p = RequestMetrics.tpotMs(r);
            if (!Double.isNaN(p)) tpot.add(p);
        }
        double duration = lastDone > firstSent ? (lastDone - firstSent) / 1e9 : Double.NaN;
        double[] tt = ttft.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] tp = tpot.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new LevelStats(first.levelIndex(), first.arm(), first.concurrency(), first.targetRate(), ok, failed,
                Percentiles.ofSorted(tt, 50), Percentiles.ofSorted(tt, 90), Percentiles.ofSorted(tt, 99),
                Percentiles.ofSorted(tp, 50), Percentiles.ofSorted(tp, 90), Percentiles.ofSorted(tp, 99),
                duration, tokens / duration, ok / duration);
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
        TextTable t = new TextTable("level", "arm", "load", "ok", "failed", "ttft p50", "ttft p99", "tpot p50",
                "tpot p99", "out tok/s", "req/s");
        for (LevelStats s : levels) {
            String load = s.targetRate() != null ? String.format("%.2f req/s", s.targetRate())
                    + (s.concurrency() != null ? " cap " + s.concurrency() : "")
                    : s.concurrency() != null ? "c=" + s.concurrency() : "";
            t.row(Integer.toString(s.levelIndex()), s.arm() == null ? "" : s.arm(), load, Long.toString(s.ok()),
                    Long.toString(s.failed()), ms(s.ttftP50Ms()), ms(s.ttftP99Ms()), ms(s.tpotP50Ms()),
                    ms(s.tpotP99Ms()), num(s.outputTps()), num(s.requestRps()));
        }
        return t.render() + "times in ms; TTFT = first token − sent, TPOT = (last − first token)/(completion_tokens − 1);"
                + " percentiles exact (type 7)\n";
    }

    private static String ms(double v) { return Double.isNaN(v) ? "-" : String.format("%.1f", v); }

    private static String num(double v) { return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format("%.2f", v); }
}
