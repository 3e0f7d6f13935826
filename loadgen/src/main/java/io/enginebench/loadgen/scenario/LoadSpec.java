package io.enginebench.loadgen.scenario;

import java.util.List;

/**
 * The load of a scenario. Fields that do not apply to {@link #kind} are null.
 *
 * @param concurrency        closed loop: one level per entry (ramps run them back to back, each level draining
 *                           before the next starts); open loop: an optional in-flight cap (first entry)
 * @param requestsPerLevel   measured requests per level (per arm); ignored when {@code durationSeconds} is set
 * @param rates              open loop: one level per offered rate in requests/s
 * @param arrival            open loop inter-arrival distribution
 * @param burstiness         gamma shape: 1 behaves like Poisson, below 1 is burstier (CV = 1/sqrt(burstiness))
 * @param durationSeconds    open loop: measure each rate for this long instead of a request count
 * @param slo                slo_search: the objective
 * @param startRate          slo_search: first probe rate
 * @param maxProbes          slo_search: probe budget
 * @param rateResolution     slo_search: stop bisecting when failing/passing rates are this close (relative, e.g. 0.05)
 * @param requestsPerSlot    closed loop: a level at concurrency c measures at least {@code requestsPerSlot × c}
 *                           requests, so the ragged end of a level (slots idling while the last requests finish) stays
 *                           a small share of its window and the level's achieved concurrency holds its label; 0: none
 */
public record LoadSpec(LoadKind kind, List<Integer> concurrency, int requestsPerLevel, List<Double> rates,
                       ArrivalKind arrival, Double burstiness, Double durationSeconds, LatencyObjective slo, Double startRate,
                       Integer maxProbes, Double rateResolution, int requestsPerSlot) {

    public LoadSpec(LoadKind kind, List<Integer> concurrency, int requestsPerLevel, List<Double> rates,
                    ArrivalKind arrival, Double burstiness, Double durationSeconds, LatencyObjective slo, Double startRate,
                    Integer maxProbes, Double rateResolution) {
        this(kind, concurrency, requestsPerLevel, rates, arrival, burstiness, durationSeconds, slo, startRate,
                maxProbes, rateResolution, 0);
    }

    public static LoadSpec closed(int requestsPerLevel, Integer... concurrency) {
        return closedSized(requestsPerLevel, 0, concurrency);
    }

    /** Closed loop measuring {@code max(requestsPerLevel, requestsPerSlot × c)} requests at each concurrency c. */
    public static LoadSpec closedSized(int requestsPerLevel, int requestsPerSlot, Integer... concurrency) {
        return new LoadSpec(LoadKind.CLOSED, List.of(concurrency), requestsPerLevel, null, null, null, null, null,
                null, null, null, requestsPerSlot);
    }

    /** Measured requests of a closed-loop level at {@code concurrency}. */
    public int measuredAt(int concurrency) {
        return Math.max(requestsPerLevel, requestsPerSlot * concurrency);
    }

    public static LoadSpec open(int requestsPerLevel, ArrivalKind arrival, double burstiness, Double... rates) {
        return new LoadSpec(LoadKind.OPEN, null, requestsPerLevel, List.of(rates), arrival, burstiness, null, null,
                null, null, null);
    }

    public static LoadSpec sloSearch(int requestsPerProbe, LatencyObjective slo, double startRate, int maxProbes) {
        return new LoadSpec(LoadKind.SLO_SEARCH, null, requestsPerProbe, null, ArrivalKind.POISSON, 1.0, null, slo,
                startRate, maxProbes, 0.05);
    }

    /** The open-loop in-flight cap, or null when unbounded. */
    public Integer concurrencyCap() {
        return kind == LoadKind.CLOSED || concurrency == null || concurrency.isEmpty() ? null : concurrency.get(0);
    }

    public LoadSpec with(List<Integer> newConcurrency, int newRequests, List<Double> newRates, Double newDuration) {
        return new LoadSpec(kind, newConcurrency, newRequests, newRates, arrival, burstiness, newDuration, slo,
                startRate, maxProbes, rateResolution, requestsPerSlot);
    }
}
