package io.enginebench.clusterit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the older harness's result folders (read-only in CI) to a folder the test owns: every file, or a deterministic
 * sample of every {@code every}-th file of each folder (sorted by name), so that every folder and kind of file stays.
 */
final class CorpusCopy {
    private CorpusCopy() {}

    static Path copy(Path source, Path target, int every) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException("legacy corpus not found at " + source
                    + " (the repository's ../shared/legacy-results)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(source)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Path folder = null;
        int index = 0;
        for (Path f : files) {
            if (!f.getParent().equals(folder)) {
                folder = f.getParent();
                index = 0;
            }
            if (index++ % every != 0) continue;
            Path to = target.resolve(source.relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
        }
        return target;
    }
}
