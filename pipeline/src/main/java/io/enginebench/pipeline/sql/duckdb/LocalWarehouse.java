package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.sql.SqlError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The warehouse's layout (docs/WAREHOUSE.md) read from the local disk without Hadoop: {@code CURRENT} names the live
 * snapshot, whose base tables are directories of Parquet part files under {@code snapshots/<id>/<table>/}; derived
 * tables live under {@code derived/<name>/}. No partitioning: every table is one flat directory.
 */
final class LocalWarehouse {
    private static final String CURRENT = "CURRENT";
    private static final String SNAPSHOTS = "snapshots";
    private static final String DERIVED = "derived";

    private final Path root;

    private LocalWarehouse(Path root) {
        this.root = root;
    }

    /** A plain path or a {@code file:} URI; the directory need not exist (an empty warehouse). */
    static LocalWarehouse at(String location) {
        String l = location.strip();
        Path p = l.startsWith("file:") ? Path.of(URI.create(l)) : Path.of(l);
        return new LocalWarehouse(p.toAbsolutePath().normalize());
    }

    Path root() {
        return root;
    }

    /** The live snapshot's id, if an ingest has completed. */
    Optional<String> currentSnapshot() {
        Path f = root.resolve(CURRENT);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            String id = Files.readString(f, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Parquet directory of a base table in the live snapshot, if it has one with files in it. */
    Optional<Path> baseTable(String name) {
        return currentSnapshot().map(id -> root.resolve(SNAPSHOTS).resolve(id).resolve(name))
                .filter(LocalWarehouse::hasParquet);
    }

    /** Derived tables by name (directories under {@code derived/}, hidden and {@code _} ones skipped). */
    Map<String, Path> derivedTables() {
        Map<String, Path> out = new TreeMap<>();
        Path dir = root.resolve(DERIVED);
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isDirectory).forEach(p -> {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && !n.startsWith("_") && hasParquet(p)) out.put(n, p);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The glob of a table directory's part files, as DuckDB's {@code read_parquet} takes it. */
    static String parquetGlob(Path tableDir) {
        return tableDir.resolve("*.parquet").toString();
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new SqlError("cannot read the warehouse at " + dir + ": " + e.getMessage(), e);
        }
    }
}
