package io.enginebench.pipeline.compare;

import java.util.Locale;

/**
 * One row of a comparison: a metric of one cell (same model, scenario, configuration and load on both sides) with
 * each side's mean and 95% CI half-width over its runs, and the verdict of the winners' CI rule.
 *
 * @param verdict {@code baseline} or {@code candidate} (the better side, CIs separate), {@code tie}, or
 *                {@code insufficient_data} (fewer than 2 runs on a side)
 */
public record Verdict(String modelName, String scenario, String configHash, Integer maxTokens, String scope,
                      Integer levelIndex, Integer concurrency, Double targetRate, String arm, String latencyBasis,
                      String metric, boolean higherIsBetter, long nBaseline, Double meanBaseline, Double ci95Baseline,
                      long nCandidate, Double meanCandidate, Double ci95Candidate, String verdict) {
    public static final String BASELINE = "baseline";
    public static final String CANDIDATE = "candidate";
    public static final String TIE = "tie";
    public static final String INSUFFICIENT = "insufficient_data";

    public boolean decided() {
        return !INSUFFICIENT.equals(verdict);
    }

    /** (candidate − baseline) / |baseline| in percent; null when the baseline mean is 0 or missing. */
    public Double changePct() {
        if (meanBaseline == null || meanCandidate == null || meanBaseline == 0) return null;
        return (meanCandidate - meanBaseline) / Math.abs(meanBaseline) * 100;
    }

    /** How much worse the candidate is, in percent of the baseline (negative: better), whatever the direction. */
    public Double worsePct() {
        Double c = changePct();
        return c == null ? null : higherIsBetter ? -c : c;
    }

    /** The load the cell compares, as the report names it: {@code c=4}, {@code rate 8/s}, {@code arm shared · c=8}. */
    public String load() {
        String l = concurrency != null ? "c=" + concurrency
                : targetRate != null ? "rate " + num(targetRate) + "/s" : "";
        if (levelIndex != null && "level".equals(scope)) l = "level " + levelIndex + (l.isEmpty() ? "" : " · " + l);
        if (arm != null) l = "arm " + arm + (l.isEmpty() ? "" : " · " + l);
        return l.isEmpty() ? scope : l;
    }

    /** The cell in a few words: scenario, model, load. */
    public String cell() {
        return scenario + " · " + modelName + " · " + load();
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
