package io.enginebench.loadgen.matrix;

import io.enginebench.loadgen.engine.EngineProfile;

/** One cell of a matrix: a scenario run once (one iteration) against one model on one engine profile. */
public record MatrixCell(String model, EngineProfile engine, String scenario, int iteration) {

    /** Stable identity of the cell, also derivable from a run folder's manifest. */
    public String key() { return key(model, engine.variant(), scenario, iteration); }

    public static String key(String model, String variant, String scenario, int iteration) {
        return model + " | " + variant + " | " + scenario + " | #" + iteration;
    }
}
