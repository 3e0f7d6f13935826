package io.enginebench.pipeline.compare;

import io.enginebench.pipeline.analysis.Winners;
import io.enginebench.pipeline.report.Fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A comparison's verdicts as rows of text: the console table, the report's Markdown table and verdicts.csv. */
public final class VerdictTable {
    public static final List<String> HEADER = List.of("scenario", "model", "load", "metric", "baseline (n)",
            "candidate (n)", "change", "verdict", "gate");
    private static final List<String> CSV_HEADER = List.of("model_name", "scenario", "config_hash", "max_tokens",
            "scope", "level_index", "concurrency", "target_rate", "arm", "latency_basis", "metric", "direction",
            "n_baseline", "mean_baseline", "ci95_baseline", "n_candidate", "mean_candidate", "ci95_candidate",
            "change_pct", "verdict", "gate_pct", "regression", "rule");

    private VerdictTable() {}

    /** The rule every verdict follows, as {@code winners} prints it (side a = baseline, b = candidate). */
    public static String rule() {
        return Winners.RULE;
    }

    public static List<List<String>> rows(List<Verdict> verdicts, RegressionGate gate) {
        List<List<String>> out = new ArrayList<>();
        for (Verdict v : verdicts) {
            Double t = gate.threshold(v.metric());
            String g = t == null ? "" : gate.regressed(v) ? "FAIL (>" + num(t) + " %)" : "ok (" + num(t) + " %)";
            out.add(List.of(v.scenario(), String.valueOf(v.modelName()), v.load(), v.metric(),
                    side(v.meanBaseline(), v.ci95Baseline(), v.nBaseline()),
                    side(v.meanCandidate(), v.ci95Candidate(), v.nCandidate()), pct(v.changePct()),
                    v.verdict(), g));
        }
        return out;
    }

    /** Fixed-width text for a terminal. */
    public static String text(List<Verdict> verdicts, RegressionGate gate) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.addAll(rows(verdicts, gate));
        int[] w = new int[HEADER.size()];
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < w.length; i++) {
                sb.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + w[i] + "s", r.get(i)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString().replaceAll(" +(\\R)", "$1");
    }

    public static String markdown(List<Verdict> verdicts, RegressionGate gate) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|").append("---|".repeat(HEADER.size())).append("\n");
        for (List<String> r : rows(verdicts, gate)) {
            sb.append("| ").append(r.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** Every verdict with every key and statistic at full precision. */
    public static String csv(List<Verdict> verdicts, RegressionGate gate) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_HEADER)).append("\n");
        for (Verdict v : verdicts) {
            List<Object> c = java.util.Arrays.asList(v.modelName(), v.scenario(), v.configHash(), v.maxTokens(),
                    v.scope(), v.levelIndex(), v.concurrency(), v.targetRate(), v.arm(), v.latencyBasis(),
                    v.metric(), v.higherIsBetter() ? "higher_is_better" : "lower_is_better", v.nBaseline(),
                    v.meanBaseline(), v.ci95Baseline(), v.nCandidate(), v.meanCandidate(), v.ci95Candidate(),
                    v.changePct(), v.verdict(), gate.threshold(v.metric()), gate.regressed(v), rule());
            sb.append(c.stream().map(VerdictTable::csvCell).collect(Collectors.joining(","))).append("\n");
        }
        return sb.toString();
    }

    private static String csvCell(Object o) {
        if (o == null) return "";
        String s = o instanceof Double d ? Double.toString(d) : o.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String side(Double mean, Double ci, long n) {
        return num(mean) + (ci == null ? "" : " ± " + num(ci)) + " (" + n + ")";
    }

    static String pct(Double p) {
        return p == null ? "" : String.format(Locale.ROOT, "%+.1f %%", p);
    }

    static String num(Double v) {
        return v == null ? "–" : Fmt.number(v);
    }
}
