package io.enginebench.dashboard.results;

import io.enginebench.pipeline.warehouse.Warehouse;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The dashboard's door to the warehouse of docs/WAREHOUSE.md: {@link Warehouse} registers a temporary view per table
 * (base tables of the snapshot {@code CURRENT} names, derived tables of {@code derived/}); this says which exist.
 */
public final class WarehouseTables {
    private final Path root;

    public WarehouseTables(Path root) { this.root = root; }

    /** Whether there is anything to read; checked on the file system, so it never starts Spark. */
    public boolean exists() {
        return Files.isRegularFile(root.resolve(Warehouse.CURRENT)) || Files.isDirectory(root.resolve(Warehouse.DERIVED));
    }

    /** (Re)registers every view, picking up a new snapshot or new derived tables; returns the tables present. */
    public Set<String> registerViews(SparkSession spark) {
        Warehouse w = Warehouse.open(spark, root.toString());
        Set<String> present = new HashSet<>(w.derivedTables().keySet());
        if (w.currentSnapshot().isPresent()) present.addAll(WarehouseTable.namesOf(WarehouseTable.Kind.BASE));
        return present;
    }
}
