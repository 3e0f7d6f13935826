package io.enginebench.loadgen.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.scenario.LatencyObjective;
import io.enginebench.loadgen.summary.Bootstrap;
import io.enginebench.loadgen.summary.LevelTally;
import io.enginebench.loadgen.summary.RequestLatency;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.TraceJson;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Adaptive search for the highest open-loop rate that meets an SLO: double the rate while probes pass, halve it
 * while they fail, and once a passing and a failing rate are known, bisect between them until they are within the
 * relative resolution or the probe budget is spent.
 *
 * <p>A probe is judged on p90 TTFT from the scheduled send ({@code ttft_sched}, queueing included) and p90 TPOT, each
 * with a seeded bootstrap 95 % interval: it passes when both upper bounds meet the SLO (inclusive) and at most 1 % of
 * its requests failed, fails when a lower bound misses the SLO or more than 1 % failed, and is otherwise
 * inconclusive: it is run again at the same rate and its samples pooled, at most {@link #MAX_REPEATS} more times,
 * after which the point estimates decide (recorded as not confident).
 */
public final class SloSearch {
    static final double MAX_ERROR_RATE = 0.01;
    static final double CONFIDENCE = 0.95;
    static final int MAX_REPEATS = 2;
    static final long BOOTSTRAP_SEED = 0x5EEDL;
    static final String LATENCY_BASIS = "scheduled";

    private final LatencyObjective slo;
    private final int maxProbes;
    private final double resolution;
    private double rate;
    private Double lastPass;
    private Double lastFail;
    private final List<Probe> probes = new ArrayList<>();
    /** samples of the current rate's runs so far (pooled while inconclusive) */
    private Sample pending = Sample.EMPTY;
    private int repeat;

    /**
     * One probe run (a repeat of an inconclusive rate is its own entry; its figures cover the pooled samples).
     *
     * @param verdict   {@code pass}, {@code fail} or {@code inconclusive} (to be repeated)
     * @param pass      the decision taken at this rate (for an inconclusive entry: what the point estimates say)
     * @param confident true when the 95 % intervals decided, false when the point estimates did
     */
    public record Probe(double rate, int repeat, String verdict, boolean pass, boolean confident, long samples,
                        double ttftSchedP90Ms, double ttftSchedP90LowMs, double ttftSchedP90HighMs,
                        double tpotP90Ms, double tpotP90LowMs, double tpotP90HighMs, double errorRate) {}

    /** What a probe measured: TTFT from the scheduled send and TPOT of its successful requests, and failures. */
    public record Sample(double[] ttftSchedMs, double[] tpotMs, long ok, long failed) {
        static final Sample EMPTY = new Sample(new double[0], new double[0], 0, 0);

        public static Sample of(List<RequestRecord> measured) {
            List<Double> ttft = new ArrayList<>();
            List<Double> tpot = new ArrayList<>();
            long ok = 0;
            long failed = 0;
            for (RequestRecord r : measured) {
                if (!r.isOk()) {
                    failed++;
                    continue;
                }
                ok++;
                double t = RequestLatency.ttftSchedMs(r);
                if (!Double.isNaN(t)) ttft.add(t);
                double p = RequestLatency.tpotMs(r);
                if (!Double.isNaN(p)) tpot.add(p);
            }
            return new Sample(ttft.stream().mapToDouble(Double::doubleValue).toArray(),
                    tpot.stream().mapToDouble(Double::doubleValue).toArray(), ok, failed);
        }

        /** What the measured requests of one probe level added up to. */
        public static Sample of(LevelTally level) {
            return new Sample(level.ttftSched().values(), level.tpot().values(), level.ok(), level.failed());
        }

        Sample pooledWith(Sample o) {
            return new Sample(DoubleStream.concat(DoubleStream.of(ttftSchedMs), DoubleStream.of(o.ttftSchedMs)).toArray(),
                    DoubleStream.concat(DoubleStream.of(tpotMs), DoubleStream.of(o.tpotMs)).toArray(),
                    ok + o.ok, failed + o.failed);
        }

        double errorRate() { return ok + failed == 0 ? 0 : (double) failed / (ok + failed); }
    }

    public SloSearch(LatencyObjective slo, double startRate, int maxProbes, double resolution) {
        this.slo = slo;
        this.rate = startRate;
        this.maxProbes = maxProbes;
        this.resolution = resolution;
    }

    /** The rate to probe next (the same rate again while a probe is inconclusive). */
    public double nextRate() { return rate; }

    public boolean done() {
        if (probes.size() >= maxProbes) return true;
        return repeat == 0 && lastPass != null && lastFail != null && (lastFail - lastPass) / lastFail <= resolution;
    }

    /** Records the probe just run at {@link #nextRate()} from its measured requests and chooses the next rate. */
    public void record(List<RequestRecord> measured) { record(Sample.of(measured)); }

    void record(Sample run) {
        Sample s = pending.pooledWith(run);
        long seed = BOOTSTRAP_SEED + probes.size();
        Bootstrap.Interval ttft = Bootstrap.percentile(s.ttftSchedMs(), 90, CONFIDENCE, seed);
        Bootstrap.Interval tpot = Bootstrap.percentile(s.tpotMs(), 90, CONFIDENCE, seed + 1);
        String verdict;
        boolean pass;
        boolean confident = true;
        if (s.ok() == 0 || s.errorRate() > MAX_ERROR_RATE) {
            verdict = "fail";
            pass = false;
        } else if (ttft.high() <= slo.ttftP90Ms() && !(tpot.high() > slo.tpotP90Ms())) {
            verdict = "pass";
            pass = true;
        } else if (ttft.low() > slo.ttftP90Ms() || tpot.low() > slo.tpotP90Ms()) {
            verdict = "fail";
            pass = false;
        } else {
            verdict = "inconclusive";
            pass = ttft.point() <= slo.ttftP90Ms() && !(tpot.point() > slo.tpotP90Ms());
            confident = false;
        }
        probes.add(new Probe(rate, repeat, verdict, pass, confident, s.ok() + s.failed(), ttft.point(), ttft.low(),
                ttft.high(), tpot.point(), tpot.low(), tpot.high(), s.errorRate()));
        if (!confident && repeat < MAX_REPEATS && probes.size() < maxProbes) {
            pending = s;
            repeat++;
            return; // run the same rate again, pooling
        }
        pending = Sample.EMPTY;
        repeat = 0;
        if (pass) lastPass = lastPass == null ? rate : Math.max(lastPass, rate);
        else lastFail = lastFail == null ? rate : Math.min(lastFail, rate);
        if (lastFail == null) rate = lastPass * 2;
        else if (lastPass == null) rate = lastFail / 2;
        else rate = (lastPass + lastFail) / 2;
    }

    public Double bestRate() { return lastPass; }

    public List<Probe> probes() { return List.copyOf(probes); }

    /** The highest rate that passed with confidence, or null. */
    public Double sustainableRateLow() {
        return probes.stream().filter(p -> p.confident() && p.pass()).map(Probe::rate).max(Double::compare)
                .orElse(null);
    }

    /** The lowest rate above {@link #sustainableRateLow()} that failed with confidence, or null. */
    public Double sustainableRateHigh() {
        Double low = sustainableRateLow();
        return probes.stream().filter(p -> p.confident() && !p.pass()).map(Probe::rate)
                .filter(r -> low == null || r > low).min(Double::compare).orElse(null);
    }

    /** The result block recorded under the manifest's {@code scenario_config.result}. */
    public ObjectNode resultJson() {
        Double low = sustainableRateLow();
        Double high = sustainableRateHigh();
        ObjectNode n = TraceJson.mapper().createObjectNode();
        n.put("best_rate", lastPass);
        n.put("probes", probes.size());
        n.put("last_passing_rate", lastPass);
        n.put("last_failing_rate", lastFail);
        n.put("sustainable_rate_low", low);
        n.put("sustainable_rate_high", high);
        n.put("confidence", CONFIDENCE);
        n.put("latency_basis", LATENCY_BASIS);
        n.put("ttft_p90_slo_ms", slo.ttftP90Ms());
        n.put("tpot_p90_slo_ms", slo.tpotP90Ms());
        String basis = " (p90 TTFT from the scheduled send and p90 TPOT, bootstrap " + pct(CONFIDENCE)
                + " intervals, " + probes.size() + " probes)";
        n.put("statement", low == null
                ? (high == null ? "no probed rate met the SLO with " + pct(CONFIDENCE) + " confidence"
                : "no probed rate met the SLO with " + pct(CONFIDENCE) + " confidence; it is missed with confidence"
                  + " at " + fmt(high) + " req/s") + basis
                : high == null
                ? "meets the SLO with " + pct(CONFIDENCE) + " confidence up to " + fmt(low) + " req/s; no higher"
                  + " probed rate missed it with confidence (upper bound not found)" + basis
                : "sustainable rate between " + fmt(low) + " and " + fmt(high) + " req/s: meets the SLO at " + fmt(low)
                  + " and misses it at " + fmt(high) + " req/s, each with " + pct(CONFIDENCE) + " confidence"
                  + basis);
        n.set("probe_log", TraceJson.mapper().valueToTree(probes));
        return n;
    }

    private static String pct(double c) { return Math.round(c * 100) + " %"; }

    private static String fmt(Double d) { return d == null ? "-" : String.format("%.3f", d); }
}
