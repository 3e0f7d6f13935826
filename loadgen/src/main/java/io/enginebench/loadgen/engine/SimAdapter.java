package io.enginebench.loadgen.engine;

/** The built-in simulator speaks vLLM's dialect (its personalities imitate the engines' timing, not their wire format). */
public final class SimAdapter extends VllmAdapter {
    @Override
    public EngineKind kind() { return EngineKind.SIM; }
}
