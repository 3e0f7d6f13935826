package io.enginebench.loadgen.matrix;

/** One cell of a matrix: a scenario run once (one iteration) against one model on one engine profile. */
public record MatrixCell(String model, MatrixConfig.EngineProfile engine, String scenario, int iteration) {

    /** Stable identity of the cell, also derivable from a run folder's manifest. */
    public String key() { return key(model, engine.variantOrKind(), scenario, iteration); }

    public static String key(String model, String variant, String scenario, int iteration) {
        return model + " | " + variant + " | " + scenario + " | #" + iteration;
    }
}
