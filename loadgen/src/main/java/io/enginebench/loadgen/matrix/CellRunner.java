package io.enginebench.loadgen.matrix;

import java.nio.file.Path;
import java.util.Map;

/** Runs one matrix cell against an engine that is up, writing one run folder; returns that folder. */
@FunctionalInterface
public interface CellRunner {
    Path run(MatrixCell cell, String matrixId, Path output, Map<String, Object> overrides) throws Exception;
}
