package io.enginebench.loadgen.matrix;

import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the cells of a matrix that already have a complete run folder under the output directory. The run folders
 * themselves are the truth (not the matrix manifest), so a crash between a run's end and the manifest update loses nothing.
 */
public final class CompletedCells {
    private CompletedCells() {}

    /** Cell key → run folder, for every run of {@code matrixId} whose manifest says {@code complete}. */
    public static Map<String, Path> find(Path output, String matrixId) throws IOException {
        Map<String, Path> done = new HashMap<>();
        if (!Files.isDirectory(output)) return done;
        try (Stream<Path> dirs = Files.list(output)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                RunFolder folder = new RunFolder(dir);
                if (!Files.isRegularFile(folder.manifestPath())) continue;
                RunManifest m;
                try {
                    m = folder.readManifest();
                } catch (IOException unreadable) {
                    continue; // a damaged folder is not a completed cell; the cell simply runs again
                }
                if (matrixId.equals(m.matrixId()) && m.status() == RunStatus.COMPLETE && m.engine() != null) {
                    done.put(MatrixCell.key(m.engine().model(), m.engine().variant(), m.scenario(), m.iteration()), dir);
                }
            }
        }
        return done;
    }
}
