package io.enginebench.pipeline;

import io.enginebench.testsupport.PackageGraph;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Arrows between the pipeline packages run one way: a package that uses another is never used by it, even through others. */
class PackageCyclesTest {
    @Test
    void pipelinePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = PackageGraph.of(Path.of("src/main/java"), "io.enginebench.pipeline");
        assertThat(graph).hasSizeGreaterThan(10);
        assertThat(PackageGraph.cycles(graph)).isEmpty();
    }
}
