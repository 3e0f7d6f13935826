package io.enginebench.loadgen.matrix;

import io.enginebench.trace.TraceJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code matrix-<id>.json} in the output directory: the plan and the state of every cell, rewritten atomically after
 * each step so that it can be read while the matrix runs.
 */
public record MatrixManifest(String matrixId, String startedAt, String updatedAt, String status, List<CellState> cells) {

    /** @param status {@code pending|running|complete|failed|skipped_complete} */
    public record CellState(String key, String model, String engine, String variant, String scenario, int iteration,
                            String status, String runDir, String error) {}

    public static Path path(Path output, String matrixId) { return output.resolve("matrix-" + matrixId + ".json"); }

    public void write(Path output) throws IOException {
        Files.createDirectories(output);
        Path target = path(output, matrixId);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        TraceJson.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
