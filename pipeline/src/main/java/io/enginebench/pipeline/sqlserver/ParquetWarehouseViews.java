package io.enginebench.pipeline.sqlserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;

import io.enginebench.trace.UserFacingException;

/**
 * Registers a warehouse directory's Parquet tables (docs/WAREHOUSE.md layout: the snapshot named by {@code CURRENT}
 * plus every table under {@code derived/}) as temp views, and the {@code chunks} view over {@code requests}.
 * A minimal reader for the SQL commands; the pipeline's warehouse reader can be plugged in through
 * {@link WarehouseViews} instead.
 */
public final class ParquetWarehouseViews implements WarehouseViews {
    private final Path dir;

    public ParquetWarehouseViews(Path dir) {
        this.dir = dir;
    }

    @Override
    public void register(SparkSession spark) {
        Path current = dir.resolve("CURRENT");
        if (!Files.isRegularFile(current)) {
            throw new UserFacingException("no warehouse at " + dir + " (missing CURRENT; run `bench ingest` first)");
        }
        try {
            String snapshot = Files.readString(current, StandardCharsets.UTF_8).strip();
            registerTables(spark, dir.resolve("snapshots").resolve(snapshot));
            registerTables(spark, dir.resolve("derived"));
        } catch (IOException e) {
            throw new UserFacingException("cannot read warehouse " + dir + ": " + e.getMessage(), e);
        }
        if (spark.catalog().tableExists("requests")) {
            spark.sql("""
                SELECT run_uid, request_index, CAST(pos AS INT) AS chunk_index, offset_ns, chunk_tokens[pos] AS tokens,
                       offset_ns - lag(offset_ns) OVER (PARTITION BY run_uid, request_index ORDER BY pos) AS gap_ns
                FROM (SELECT run_uid, request_index, chunk_tokens,
                             posexplode(chunk_offsets_ns) AS (pos, offset_ns) FROM requests)
                """).createOrReplaceTempView("chunks");
        }
    }

    private static void registerTables(SparkSession spark, Path parent) throws IOException {
        if (!Files.isDirectory(parent)) return;
        List<Path> tables;
        try (Stream<Path> s = Files.list(parent)) {
            tables = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path t : tables) {
            spark.read().parquet(t.toString()).createOrReplaceTempView(t.getFileName().toString());
        }
    }
}
