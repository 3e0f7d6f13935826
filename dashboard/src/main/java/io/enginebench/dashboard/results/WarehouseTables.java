package io.enginebench.dashboard.results;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds warehouse tables by name, following the layout of docs/WAREHOUSE.md: base tables in the snapshot that
 * {@code CURRENT} names, derived tables in {@code derived/}. The only place that knows the layout; a shared
 * warehouse class can take its place without touching the queries.
 */
public final class WarehouseTables {
    private static final java.util.Set<String> BASE =
            java.util.Set.of("runs", "requests", "engine_metrics", "data_quality", "quarantine");

    private final Path root;

    public WarehouseTables(Path root) { this.root = root; }

    public boolean exists() { return Files.isRegularFile(root.resolve("CURRENT")) || Files.isDirectory(root.resolve("derived")); }

    /** Registers the table as a temporary view of its own name; empty when the warehouse does not have it. */
    public Optional<Dataset<Row>> view(SparkSession spark, String table) {
        Optional<Path> dir = location(table);
        if (dir.isEmpty()) return Optional.empty();
        Dataset<Row> df = spark.read().parquet(dir.get().toString());
        df.createOrReplaceTempView(table);
        return Optional.of(df);
    }

    Optional<Path> location(String table) {
        Path dir;
        if (BASE.contains(table)) {
            Path current = root.resolve("CURRENT");
            if (!Files.isRegularFile(current)) return Optional.empty();
            try {
                String id = Files.readString(current, StandardCharsets.UTF_8).trim();
                dir = root.resolve("snapshots").resolve(id).resolve(table);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            dir = root.resolve("derived").resolve(table);
        }
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
}
