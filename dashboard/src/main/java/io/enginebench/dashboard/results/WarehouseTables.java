package io.enginebench.dashboard.results;

import io.enginebench.pipeline.warehouse.Warehouse;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the warehouse of docs/WAREHOUSE.md has anything to read yet (a snapshot {@code CURRENT} names, or derived
 * tables); its tables are read through {@link io.enginebench.pipeline.steps.PipelineSteps#views()}.
 */
public final class WarehouseTables {
    private final Path root;

    public WarehouseTables(Path root) { this.root = root; }

    /** Whether there is anything to read; checked on the file system, so it never starts Spark. */
    public boolean exists() {
        return Files.isRegularFile(root.resolve(Warehouse.CURRENT)) || Files.isDirectory(root.resolve(Warehouse.DERIVED));
    }
}
