package io.enginebench.pipeline.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which engine answers SQL ({@code --engine}): DuckDB, embedded and in-process, for a warehouse on the local disk;
 * Spark for a warehouse on a cluster filesystem ({@code s3a://}, {@code hdfs://}, {@code gs://}, {@code abfs://} …),
 * which DuckDB cannot read. {@link #auto} picks by the warehouse's location. Lower-case names: the command line takes
 * them as they are.
 */
public enum EngineChoice {
    auto, duckdb, spark;

    /** The dialect each engine speaks, as stated in help texts, banners and errors. */
    public static final String DUCKDB_DIALECT = "DuckDB SQL";
    public static final String SPARK_DIALECT = "Spark SQL";

    private static final Pattern URI_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    /** This choice made concrete for a warehouse: {@link #duckdb} or {@link #spark}. */
    public EngineChoice resolve(String warehouseLocation) {
        return this == auto ? forWarehouse(warehouseLocation) : this;
    }

    /** Spark for a location with a URI scheme other than {@code file:}, else DuckDB. */
    public static EngineChoice forWarehouse(String location) {
        var m = URI_SCHEME.matcher(location.strip());
        if (!m.find()) return duckdb;
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        // a one-letter "scheme" is a Windows drive (C:\…)
        return scheme.equals("file") || scheme.length() == 1 ? duckdb : spark;
    }

    /** The dialect of the engine this choice names ({@link #auto} has none of its own). */
    public String dialect() {
        return switch (this) {
            case duckdb -> DUCKDB_DIALECT;
            case spark -> SPARK_DIALECT;
            case auto -> DUCKDB_DIALECT + " for a local warehouse, " + SPARK_DIALECT + " for a remote one";
        };
    }
}
