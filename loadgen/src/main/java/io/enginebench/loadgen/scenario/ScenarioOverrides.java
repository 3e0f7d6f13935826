package io.enginebench.loadgen.scenario;

import io.enginebench.trace.UserFacingException;

import java.util.List;

/**
 * Command-line overrides of a catalogue scenario; null means "keep the scenario's value".
 *
 * @param concurrency a single value or a list (a ramp); for open loop the in-flight cap
 * @param rates       open-loop rates; for slo_search the first entry is the start rate
 */
public record ScenarioOverrides(Integer requests, List<Integer> concurrency, List<Double> rates, Integer maxTokens,
                                String promptPack, Integer iterations, Integer warmup, Long seed,
                                Double durationSeconds) {

    public static ScenarioOverrides none() {
        return new ScenarioOverrides(null, null, null, null, null, null, null, null, null);
    }

    /** Applies the overrides, checking each value; bad values are user errors. */
    public Scenario applyTo(Scenario s) {
        positive("--requests", requests);
        positive("--max-tokens", maxTokens);
        positive("--iterations", iterations);
        if (warmup != null && warmup < 0) throw new UserFacingException("--warmup must be >= 0, got " + warmup);
        if (concurrency != null) concurrency.forEach(c -> positive("--concurrency", c));
        if (rates != null) {
            for (Double r : rates) {
                if (r == null || !(r > 0) || r.isInfinite()) throw new UserFacingException("--rate must be > 0, got " + r);
            }
        }
        if (durationSeconds != null && !(durationSeconds > 0)) {
            throw new UserFacingException("--duration must be > 0 seconds, got " + durationSeconds);
        }
        LoadSpec load = s.load();
        if (rates != null && load.kind() == LoadKind.CLOSED) {
            throw new UserFacingException("--rate applies to open-loop scenarios (rate_sweep, slo_search), not "
                    + s.name());
        }
        if (durationSeconds != null && load.kind() != LoadKind.OPEN) {
            throw new UserFacingException("--duration applies to rate_sweep only");
        }
        if (concurrency != null && load.kind() != LoadKind.CLOSED && concurrency.size() > 1) {
            throw new UserFacingException("open-loop scenarios take one --concurrency value (the in-flight cap)");
        }
        List<Double> newRates = load.rates();
        LoadSpec resolved;
        if (load.kind() == LoadKind.SLO_SEARCH) {
            Double start = rates == null ? load.startRate() : rates.get(0);
            resolved = new LoadSpec(load.kind(), concurrency == null ? load.concurrency() : List.copyOf(concurrency),
                    requests == null ? load.requestsPerLevel() : requests, null, load.arrival(), load.burstiness(),
                    null, load.slo(), start, load.maxProbes(), load.rateResolution(), load.requestsPerSlot());
        } else {
            if (rates != null) newRates = List.copyOf(rates);
            resolved = load.with(concurrency == null ? load.concurrency() : List.copyOf(concurrency),
                    requests == null ? load.requestsPerLevel() : requests, newRates,
                    durationSeconds == null ? load.durationSeconds() : durationSeconds);
        }
        return s.withLoad(resolved).with(
                promptPack == null ? s.promptPack() : promptPack,
                maxTokens == null ? s.maxTokens() : maxTokens,
                warmup == null ? s.warmup() : warmup,
                seed == null ? s.seed() : seed,
                iterations == null ? s.iterations() : iterations);
    }

    private static void positive(String flag, Integer v) {
        if (v != null && v <= 0) throw new UserFacingException(flag + " must be > 0, got " + v);
    }
}
