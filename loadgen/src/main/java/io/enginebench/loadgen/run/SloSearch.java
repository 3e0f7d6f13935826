package io.enginebench.loadgen.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.scenario.Slo;
import io.enginebench.loadgen.summary.LevelStats;
import io.enginebench.trace.TraceJson;

import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive search for the highest open-loop rate that meets an SLO: double the rate while probes pass, halve it
 * while they fail, and once a passing and a failing rate are known, bisect between them until they are within the
 * relative resolution or the probe budget is spent. A probe passes when p90 TTFT and p90 TPOT meet the SLO (inclusive)
 * and at most 1% of its requests failed.
 */
public final class SloSearch {
    static final double MAX_ERROR_RATE = 0.01;

    private final Slo slo;
    private final int maxProbes;
    private final double resolution;
    private double rate;
    private Double lastPass;
    private Double lastFail;
    private final List<Probe> probes = new ArrayList<>();

    public record Probe(double rate, boolean pass, double ttftP90Ms, double tpotP90Ms, double errorRate) {}

    public SloSearch(Slo slo, double startRate, int maxProbes, double resolution) {
        this.slo = slo;
        this.rate = startRate;
        this.maxProbes = maxProbes;
        this.resolution = resolution;
    }

    /** The rate to probe next. */
    public double nextRate() { return rate; }

    public boolean done() {
        if (probes.size() >= maxProbes) return true;
        return lastPass != null && lastFail != null && (lastFail - lastPass) / lastFail <= resolution;
    }

    public boolean passes(LevelStats s) {
        return s.ok() > 0 && s.ttftP90Ms() <= slo.ttftP90Ms() && !(s.tpotP90Ms() > slo.tpotP90Ms())
                && s.errorRate() <= MAX_ERROR_RATE;
    }

    /** Records the probe just run at {@link #nextRate()} and chooses the next rate. */
    public void record(LevelStats s) { record(passes(s), s.ttftP90Ms(), s.tpotP90Ms(), s.errorRate()); }

    void record(boolean pass, double ttftP90, double tpotP90, double errorRate) {
        probes.add(new Probe(rate, pass, ttftP90, tpotP90, errorRate));
        if (pass) lastPass = lastPass == null ? rate : Math.max(lastPass, rate);
        else lastFail = lastFail == null ? rate : Math.min(lastFail, rate);
        if (lastFail == null) rate = lastPass * 2;
        else if (lastPass == null) rate = lastFail / 2;
        else rate = (lastPass + lastFail) / 2;
    }

    public Double bestRate() { return lastPass; }

    public List<Probe> probes() { return List.copyOf(probes); }

    /** The result block recorded under the manifest's {@code scenario_config.result}. */
    public ObjectNode resultJson() {
        ObjectNode n = TraceJson.mapper().createObjectNode();
        n.put("best_rate", lastPass);
        n.put("probes", probes.size());
        n.put("last_passing_rate", lastPass);
        n.put("last_failing_rate", lastFail);
        n.put("ttft_p90_slo_ms", slo.ttftP90Ms());
        n.put("tpot_p90_slo_ms", slo.tpotP90Ms());
        n.put("statement", lastPass == null
                ? "no probed rate met the SLO (lowest tried " + fmt(lastFail) + " req/s)"
                : lastFail == null
                ? "every probed rate met the SLO; the highest tried was " + fmt(lastPass) + " req/s (upper bound not found)"
                : "meets the SLO at " + fmt(lastPass) + " req/s and misses it at " + fmt(lastFail) + " req/s, after "
                  + probes.size() + " probes of this size");
        n.set("probe_log", TraceJson.mapper().valueToTree(probes));
        return n;
    }

    private static String fmt(Double d) { return d == null ? "-" : String.format("%.3f", d); }
}
