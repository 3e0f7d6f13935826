package io.enginebench.pipeline.warehouse;

import io.enginebench.pipeline.spark.ConcurrentJobs;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

/**
 * The warehouse of docs/WAREHOUSE.md on any Hadoop-compatible path: immutable snapshots of the base tables, a
 * {@code CURRENT} pointer switched by an atomic rename, and the derived tables of {@code bench analyze}.
 *
 * <p>{@link #open} registers a temp view per base table and per derived table found; the views over them
 * ({@link WarehouseTable.Kind#VIEW}) are registered by the callers that query them, with {@link SqlViews}.
 */
public final class Warehouse {
    public static final String CURRENT = "CURRENT";
    public static final String SNAPSHOTS = "snapshots";
    public static final String DERIVED = "derived";
    public static final String DERIVED_CSV = "derived-csv";

    /** Called after each table of a snapshot was written; tests throw from it to simulate a crash mid-write. */
    @FunctionalInterface
    public interface WriteHook {
        void afterTable(String table) throws IOException;
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Warehouse.class);
    private final SparkSession spark;
    private final Path root;
    private final HadoopFiles files;
    private WriteHook writeHook = t -> { };

    private Warehouse(SparkSession spark, Path root, HadoopFiles files) {
        this.spark = spark;
        this.root = root;
        this.files = files;
    }

    /** Opens (without creating anything) the warehouse at {@code root} and registers its views. */
    public static Warehouse open(SparkSession spark, String root) {
        Path p = new Path(root);
        HadoopFiles files = HadoopFiles.forPath(p, spark.sparkContext().hadoopConfiguration());
        Warehouse w = new Warehouse(spark, files.qualify(p), files);
        w.registerViews();
        return w;
    }

    public Warehouse withWriteHook(WriteHook hook) {
        this.writeHook = hook;
        return this;
    }

    public SparkSession spark() { return spark; }

    public Path root() { return root; }

    public HadoopFiles files() { return files; }

    /** The live snapshot's id, if any ingest has completed. */
    public Optional<String> currentSnapshot() {
        try {
            String s = files.readStringOrNull(new Path(root, CURRENT));
            return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base table of the live snapshot (empty with the canonical schema when there is none). */
    public Dataset<Row> table(String name) {
        StructType schema = Tables.SCHEMAS.get(name);
        if (schema == null) throw new IllegalArgumentException("not a base table: " + name);
        Optional<String> snap = currentSnapshot();
        Path dir = snap.isEmpty() ? null : new Path(snapshotDir(snap.get()), name);
        // a snapshot laid out by hand (tests, partial copies) may lack a table: it reads as empty, like no snapshot
        if (dir == null || !files.exists(dir)) return spark.createDataFrame(List.of(), schema);
        return Tables.conform(readParquet(dir), schema);
    }

    public Path snapshotDir(String id) { return new Path(new Path(root, SNAPSHOTS), id); }

    /** Registers (or refreshes) a temp view per table of the live snapshot and per derived table. */
    public void registerViews() {
        for (String t : Tables.BASE) table(t).createOrReplaceTempView(t);
        for (Map.Entry<String, Path> d : derivedTables().entrySet()) {
            readParquet(d.getValue()).createOrReplaceTempView(d.getKey());
        }
    }

    /**
     * Reads a Parquet directory written by Spark, taking its schema from the first part file's footer in the driver.
     * Spark's own inference runs a distributed job per directory; opening a warehouse reads some thirty of them.
     */
    private Dataset<Row> readParquet(Path dir) {
        StructType schema = ParquetSchemas.sparkSchemaOrNull(files, dir);
        return schema == null ? spark.read().parquet(dir.toString())
                : spark.read().schema(schema).parquet(dir.toString());
    }

    /** Derived tables found under {@code derived/<name>/}, by name. */
    public Map<String, Path> derivedTables() {
        Map<String, Path> out = new TreeMap<>();
        try {
            for (FileStatus s : files.list(new Path(root, DERIVED))) {
                String n = s.getPath().getName();
                if (s.isDirectory() && !n.startsWith(".") && !n.startsWith("_")) out.put(n, s.getPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Writes a complete new snapshot of the base tables, then switches {@code CURRENT} to it and removes the other
     * snapshots. Until the switch, the previous snapshot stays live; a failure leaves it untouched.
     *
     * @param tables every base table, with the canonical columns (they are conformed and sorted here)
     * @return the new snapshot's id
     */
    public String commitSnapshot(Map<String, Dataset<Row>> tables) throws IOException {
        String id = String.format("%d-%06x", System.currentTimeMillis(), ThreadLocalRandom.current().nextInt(1 << 24));
        Path dir = snapshotDir(id);
        for (String t : Tables.BASE) {
            if (tables.get(t) == null) throw new IllegalArgumentException("snapshot lacks table " + t);
        }
        Map<String, Callable<Void>> writes = new LinkedHashMap<>();
        for (String t : Tables.BASE) {
            writes.put(t, () -> {
                writeSnapshotTable(t, tables.get(t), new Path(dir, t));
                writeHook.afterTable(t);
                log.info("snapshot {}: wrote {}", id, t);
                return null;
            });
        }
        // the small tables' driver work overlaps the large ones' tasks; all are waited for before a failure is thrown
        ConcurrentJobs.runAll("snapshot-writer", writes);
        files.writeStringAtomically(new Path(root, CURRENT), id + "\n");
        removeStaleSnapshots(id);
        registerViews();
        return id;
    }

    private static void writeSnapshotTable(String t, Dataset<Row> df, Path dir) {
        Dataset<Row> out = Tables.conform(df, Tables.SCHEMAS.get(t));
        boolean small = t.equals(Tables.RUNS) || t.equals(Tables.DATA_QUALITY) || t.equals(Tables.QUARANTINE);
        // sorted by the key columns, so that the same input always gives byte-for-byte the same row order;
        // small tables: one file in key order; large ones keep Spark's partitioning (no shuffle), each file sorted
        List<String> keys = WarehouseTable.byName(t).orElseThrow().keyColumns();
        out = (small ? out.repartition(1) : out).sortWithinPartitions(sortColumns(keys));
        // chunk arrival offsets are nearly all distinct: Parquet's dictionary attempt on them only costs time
        out.write().mode(SaveMode.ErrorIfExists)
                .option("parquet.enable.dictionary#chunk_offsets_ns.list.element", "false")
                .parquet(dir.toString());
    }

    private void removeStaleSnapshots(String live) throws IOException {
        for (FileStatus s : files.list(new Path(root, SNAPSHOTS))) {
            if (!s.getPath().getName().equals(live)) files.delete(s.getPath());
        }
    }

    /** What writing one derived table cost: its row count and the seconds spent computing and writing it. */
    public record DerivedWrite(long rows, double seconds) {}

    /**
     * Replaces the derived tables as a whole: Parquet under {@code derived/<name>/} and one CSV file per table under
     * {@code derived-csv/<name>.csv} (header, rows sorted by every column so reruns give identical files). Both are
     * written to temporary directories first and then swapped in.
     *
     * <p>Each table's plan runs once, collected to the driver (derived tables are aggregates: thousands of rows, not
     * millions); Parquet, CSV and the row count come from those rows. A few tables are computed at a time: on small
     * data a Spark job is mostly driver-side fixed cost (planning, code generation, scheduling), which overlaps with
     * another table's tasks.
     *
     * @return per table (in name order): rows and seconds
     */
    public Map<String, DerivedWrite> writeDerived(Map<String, Dataset<Row>> tables) throws IOException {
        long n = System.nanoTime();
        Path tmpParquet = new Path(root, ".derived.tmp-" + n);
        Path tmpCsv = new Path(root, ".derived-csv.tmp-" + n);
        Path csvWork = new Path(root, ".derived-csv.work-" + n);
        for (String name : tables.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("derived table name must be an identifier: " + name);
            }
        }
        try {
            files.mkdirs(tmpParquet);
            files.mkdirs(tmpCsv);
            Map<String, Callable<DerivedWrite>> writes = new LinkedHashMap<>();
            for (Map.Entry<String, Dataset<Row>> e : new TreeMap<>(tables).entrySet()) {
                writes.put(e.getKey(), () -> writeOneDerived(e.getKey(), e.getValue(),
                        new Path(tmpParquet, e.getKey()), new Path(csvWork, e.getKey()), tmpCsv));
            }
            Map<String, DerivedWrite> out = ConcurrentJobs.runAll("derived-writer", writes);
            files.delete(csvWork);
            files.swapDirectory(tmpParquet, new Path(root, DERIVED));
            files.swapDirectory(tmpCsv, new Path(root, DERIVED_CSV));
            registerViews();
            return out;
        } finally {
            files.delete(csvWork);
            if (files.exists(tmpParquet)) files.delete(tmpParquet);
            if (files.exists(tmpCsv)) files.delete(tmpCsv);
        }
    }

    private DerivedWrite writeOneDerived(String name, Dataset<Row> table, Path parquet, Path csvWork, Path csvDir)
            throws IOException {
        long t0 = System.nanoTime();
        List<Row> rows = table.collectAsList();
        Dataset<Row> local = spark.createDataFrame(rows, table.schema());
        local.coalesce(1).write().parquet(parquet.toString());
        Dataset<Row> flat = flattenForCsv(local);
        Column[] all = java.util.Arrays.stream(flat.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        flat.repartition(1).sortWithinPartitions(all).write().option("header", "true").csv(csvWork.toString());
        Path part = null;
        for (FileStatus s : files.list(csvWork)) {
            if (s.getPath().getName().startsWith("part-")) part = s.getPath();
        }
        if (part == null) throw new IOException("Spark wrote no CSV part file for " + name);
        files.renameReplacing(part, new Path(csvDir, name + ".csv"));
        return new DerivedWrite(rows.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** CSV holds only atomic values: nested columns become their JSON text. */
    private static Dataset<Row> flattenForCsv(Dataset<Row> df) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            Column c = col("`" + f.name() + "`");
            boolean nested = f.dataType() instanceof ArrayType || f.dataType() instanceof MapType
                    || f.dataType() instanceof StructType;
            cols.add((nested ? to_json(c) : c).as(f.name()));
        }
        return df.select(cols.toArray(new Column[0]));
    }

    private static Column[] sortColumns(List<String> keys) {
        return keys.stream().map(k -> col(k).asc_nulls_first()).toArray(Column[]::new);
    }
}
