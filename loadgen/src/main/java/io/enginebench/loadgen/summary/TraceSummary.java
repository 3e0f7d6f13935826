package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;

import java.util.List;
import java.util.Map;

/** Computes {@link LevelStats} from trace rows and prints them as an aligned table. */
public final class TraceSummary {
    private TraceSummary() {}

    /** Per-level statistics of {@code records} (measured requests only), in level order. */
    public static List<LevelStats> perLevel(List<RequestRecord> records) {
        RunTally tally = new RunTally();
        records.forEach(tally::add);
        return tally.perLevel();
    }

    /** Statistics of one level's records (all of them, whatever their phase). */
    public static LevelStats level(List<RequestRecord> rs) {
        LevelTally tally = new LevelTally(rs.get(0));
        rs.forEach(tally::add);
        return tally.stats();
    }

    /** Measured requests per outcome (warm-up excluded), as the manifest's {@code outcomes}. */
    public static Map<String, Long> outcomeCounts(List<RequestRecord> records) {
        RunTally tally = new RunTally();
        records.forEach(tally::add);
        return tally.outcomeCounts();
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
        boolean allExact = true;
        for (LevelStats s : levels) {
            allExact &= s.exactPercentiles();
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
                + "; TPOT = (last − first token)/(completion_tokens − 1); percentiles exact (type 7)"
                + (allExact ? "" : String.format(" up to %,d requests per level, beyond that HdrHistogram's (3"
                        + " significant digits)", LatencySamples.EXACT_LIMIT))
                + "\n";
    }

    private static String ms(double v) { return Double.isNaN(v) ? "-" : String.format("%.1f", v); }

    private static String num(double v) { return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format("%.2f", v); }
}
