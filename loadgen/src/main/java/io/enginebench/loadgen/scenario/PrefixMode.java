package io.enginebench.loadgen.scenario;

/** How the prompts of an arm use a shared-prefix pack's prefix. */
public enum PrefixMode {
    /** Prompts are used as they are. */
    NONE,
    /** Every request gets its own distinct prefix of the same length, so nothing can be reused from the cache. */
    UNIQUE,
    /** Every request starts with the pack's one shared prefix. */
    SHARED
}
