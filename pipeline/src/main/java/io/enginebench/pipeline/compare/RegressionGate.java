package io.enginebench.pipeline.compare;

import io.enginebench.pipeline.analysis.CellSummary;
import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --fail-on-regression}: a candidate regresses on a metric only when it is worse than the baseline by more than
 * the metric's threshold (percent of the baseline mean) <em>and</em> the 95% CIs separate with the baseline better
 * (verdict {@code baseline}); a difference inside the noise never fails. A gate of {@code 5} applies to every metric,
 * {@code ttft_ms_p95:5,output_tps:3} to those metrics only, {@code 10,ttft_ms_p95:5} to all with one exception.
 */
public final class RegressionGate {
    /** What a comparison amounts to; the command maps it to its exit code. */
    public enum Outcome { PASS, REGRESSION, INSUFFICIENT_DATA }

    /** The gate's answer: its outcome and one line per failing metric (or the reason data were insufficient). */
    public record Result(Outcome outcome, List<String> reasons) {}

    private static final Set<String> METRICS = metrics();
    private final Double everyMetric;
    private final Map<String, Double> perMetric;

    private RegressionGate(Double everyMetric, Map<String, Double> perMetric) {
        this.everyMetric = everyMetric;
        this.perMetric = perMetric;
    }

    /** No thresholds: only says whether anything could be decided. */
    public static RegressionGate none() {
        return new RegressionGate(null, Map.of());
    }

    public static RegressionGate parse(String spec) {
        if (spec == null || spec.isBlank()) throw new UserFacingException("--fail-on-regression: give PCT or METRIC:PCT,…");
        Double all = null;
        Map<String, Double> per = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int colon = p.lastIndexOf(':');
            if (colon < 0) {
                if (all != null) throw new UserFacingException("--fail-on-regression: more than one default PCT");
                all = percent(p);
                continue;
            }
            String metric = p.substring(0, colon).trim();
            if (!METRICS.contains(metric)) {
                throw new UserFacingException("--fail-on-regression: unknown metric '" + metric + "' (one of "
                        + String.join(", ", METRICS) + ")");
            }
            per.put(metric, percent(p.substring(colon + 1)));
        }
        return new RegressionGate(all, per);
    }

    private static double percent(String s) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new UserFacingException("--fail-on-regression: '" + s.trim() + "' is not a percentage");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new UserFacingException("--fail-on-regression: a percentage must be 0 or more, got " + s.trim());
        }
        return v;
    }

    public boolean enabled() {
        return everyMetric != null || !perMetric.isEmpty();
    }

    /** The threshold of {@code metric} in percent, or null when the gate does not cover it. */
    public Double threshold(String metric) {
        return perMetric.getOrDefault(metric, everyMetric);
    }

    /** True when the candidate is worse than the threshold allows and the CIs separate in the baseline's favour. */
    public boolean regressed(Verdict v) {
        Double limit = threshold(v.metric());
        Double worse = v.worsePct();
        return limit != null && Verdict.BASELINE.equals(v.verdict()) && worse != null && worse > limit;
    }

    /**
     * REGRESSION when any covered metric regressed; else INSUFFICIENT_DATA when no covered verdict (every verdict
     * without a gate) could be decided — no common cell, or fewer than 2 runs a side; else PASS.
     */
    public Result evaluate(List<Verdict> verdicts) {
        List<String> reasons = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (regressed(v)) reasons.add(reason(v));
        }
        if (!reasons.isEmpty()) return new Result(Outcome.REGRESSION, reasons);
        List<Verdict> covered = enabled() ? verdicts.stream().filter(v -> threshold(v.metric()) != null).toList()
                : verdicts;
        if (covered.isEmpty()) {
            return new Result(Outcome.INSUFFICIENT_DATA, List.of(verdicts.isEmpty()
                    ? "no cell ran on both sides (same model, scenario, configuration and load)"
                    : "no verdict on a gated metric: " + (perMetric.isEmpty() ? "" : String.join(", ", perMetric.keySet()))));
        }
        if (covered.stream().noneMatch(Verdict::decided)) {
            return new Result(Outcome.INSUFFICIENT_DATA, List.of(
                    "fewer than 2 runs on a side in every compared cell: no confidence interval to judge by"));
        }
        return new Result(Outcome.PASS, List.of());
    }

    /** One line: metric, cell, the two means with their CIs, how much worse, the threshold. */
    String reason(Verdict v) {
        return String.format(Locale.ROOT, "regression: %s %s: baseline %s ± %s, candidate %s ± %s (%.1f %% worse,"
                        + " limit %s %%; the 95%% CIs separate)", v.metric(), v.cell(),
                VerdictTable.num(v.meanBaseline()), VerdictTable.num(v.ci95Baseline()),
                VerdictTable.num(v.meanCandidate()), VerdictTable.num(v.ci95Candidate()), v.worsePct(),
                VerdictTable.num(threshold(v.metric())));
    }

    private static Set<String> metrics() {
        Set<String> m = new TreeSet<>(CellSummary.METRICS);
        m.addAll(CellSummary.OPEN_LOOP_METRICS);
        m.addAll(CellSummary.WHOLE_RUN_METRICS);
        return m;
    }
}
