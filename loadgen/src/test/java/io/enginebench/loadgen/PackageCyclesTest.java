package io.enginebench.loadgen;

import io.enginebench.testsupport.PackageGraph;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Arrows between the loadgen packages run one way: a package that uses another is never used by it, even through others. */
class PackageCyclesTest {
    @Test
    void loadgenPackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = PackageGraph.of(Path.of("src/main/java"), "io.enginebench.loadgen");
        assertThat(graph).hasSizeGreaterThan(5);
        assertThat(PackageGraph.cycles(graph)).isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(PackageGraph.cycles(graph)).containsExactly(Set.of("a", "b", "c"));
    }
}
