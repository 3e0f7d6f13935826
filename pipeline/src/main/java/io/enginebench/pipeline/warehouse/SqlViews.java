package io.enginebench.pipeline.warehouse;

import org.apache.spark.sql.SparkSession;

/**
 * The views of {@link WarehouseTable.Kind#VIEW}, defined here once per SQL dialect: Spark's, registered here, and
 * DuckDB's ({@code *_DUCKDB}), registered by the DuckDB engine; {@code ChunksViewTest} holds them to the same rows.
 * The Spark views are registered over the session's
 * {@code requests} view by whoever queries them (SQL shell, server, notebooks), after the base tables; a view reads
 * the {@code requests} registered when it was created, so register again after re-registering the base tables.
 */
public final class SqlViews {
    /** {@code requests} exploded by chunk (docs/WAREHOUSE.md, {@code chunks}). */
    // the previous chunk's offset is read from the same row's array: no window, hence no shuffle of requests
    static final String CHUNKS = """
            SELECT run_uid, request_index, CAST(c.pos AS INT) AS chunk_index, c.col.chunk_offsets_ns AS offset_ns,
                   c.col.chunk_tokens AS tokens, chunk_tokens_exact AS tokens_exact,
                   c.col.chunk_offsets_ns - GET(chunk_offsets_ns, c.pos - 1) AS gap_ns
            FROM requests
            LATERAL VIEW POSEXPLODE(ARRAYS_ZIP(chunk_offsets_ns, chunk_tokens)) c AS pos, col
            """;

    /**
     * {@link #CHUNKS} in DuckDB's dialect: the positions of the longer of the two arrays (Spark's {@code ARRAYS_ZIP}
     * pads the shorter with NULL), none when either array is NULL; lists are 1-based, index 0 reads as NULL.
     */
    public static final String CHUNKS_DUCKDB = """
            SELECT run_uid, request_index, CAST(i - 1 AS INTEGER) AS chunk_index, chunk_offsets_ns[i] AS offset_ns,
                   chunk_tokens[i] AS tokens, chunk_tokens_exact AS tokens_exact,
                   chunk_offsets_ns[i] - chunk_offsets_ns[i - 1] AS gap_ns
            FROM (SELECT run_uid, request_index, chunk_offsets_ns, chunk_tokens, chunk_tokens_exact,
                         UNNEST(generate_series(1, greatest(len(chunk_offsets_ns), len(chunk_tokens)))) AS i
                  FROM requests
                  WHERE chunk_offsets_ns IS NOT NULL AND chunk_tokens IS NOT NULL)
            """;

    private SqlViews() {}

    /** Registers (or replaces) every view over the session's base-table views. */
    public static void register(SparkSession spark) {
        spark.sql(CHUNKS).createOrReplaceTempView(WarehouseTable.CHUNKS.tableName());
    }
}
