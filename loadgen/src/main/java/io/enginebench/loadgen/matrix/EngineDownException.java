package io.enginebench.loadgen.matrix;

/** A cell's run was aborted because the engine stopped answering: the matrix restarts the engine and reruns it. */
public final class EngineDownException extends Exception {
    public EngineDownException(String message) { super(message); }
}
