package io.enginebench.loadgen.scenario;

/** How requests are offered to the engine. */
public enum LoadKind {
    /** A fixed number of virtual users, each sending its next request as soon as the previous one ends. */
    CLOSED,
    /** Requests sent on a schedule (constant, Poisson or gamma inter-arrival times), independent of completions. */
    OPEN,
    /** Open loop at a sequence of probe rates chosen adaptively to find the highest rate meeting an SLO. */
    SLO_SEARCH
}
