package io.enginebench.loadgen.sim.engine;

/**
 * A consistent copy of the engine's state and counters at one instant. Token counters count tokens; prefix-cache
 * queries/hits count prompt tokens looked up / found cached; spec counters count per sequence-step.
 */
public record MetricsSnapshot(int running, int waiting, double kvUsage, long kvCapacityTokens,
                              long promptTokens, long generationTokens, long prefixQueries, long prefixHits,
                              long specDrafts, long specDraftTokens, long specAccepted,
                              long finishedStop, long finishedLength, long finishedAbort, long preemptions,
                              double genThroughput, Histogram ttft, Histogram interToken, Histogram e2e) {

    public double prefixHitRate() { return prefixQueries == 0 ? 0 : (double) prefixHits / prefixQueries; }

    /** Mean tokens emitted per speculative sequence-step (1 + accepted), SGLang's spec_accept_length. */
    public double specAcceptLength() { return specDrafts == 0 ? 0 : 1.0 + (double) specAccepted / specDrafts; }

    /** Accepted / drafted tokens, SGLang's spec_accept_rate. */
    public double specAcceptRate() { return specDraftTokens == 0 ? 0 : (double) specAccepted / specDraftTokens; }
}
