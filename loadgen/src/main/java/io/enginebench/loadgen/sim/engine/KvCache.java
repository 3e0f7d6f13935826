package io.enginebench.loadgen.sim.engine;

/**
 * The simulated KV cache: finite memory plus prefix reuse. Used only from the engine thread, so no locking.
 * Implementations keep their per-request bookkeeping in {@link SimRequest#kv}.
 */
public interface KvCache {
    /**
     * Reserves memory for the request's whole prompt (what is not already cached).
     *
     * @return the number of prompt tokens served from the prefix cache, or -1 if memory is short (nothing changed)
     */
    int admit(SimRequest r, int[] tokens);

    /** Makes room for the request to hold {@code totalTokens} tokens; false if memory is short (nothing changed). */
    boolean grow(SimRequest r, int totalTokens);

    /** Prefill finished: the prompt becomes reusable by later requests. */
    void commitPrompt(SimRequest r, int[] tokens);

    /** Finished or preempted: its memory is freed; committed prefixes stay cached (evictable) until needed. */
    void release(SimRequest r);

    /** Fraction of the capacity held by requests (cached-but-unreferenced prefixes do not count), 0..1. */
    double usage();

    long capacityTokens();
}
