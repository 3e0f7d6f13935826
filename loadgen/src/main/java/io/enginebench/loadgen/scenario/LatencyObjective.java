package io.enginebench.loadgen.scenario;

/** A latency objective on the p90 of TTFT and TPOT (both inclusive), as {@code slo_search} uses it. */
public record LatencyObjective(double ttftP90Ms, double tpotP90Ms) {}
