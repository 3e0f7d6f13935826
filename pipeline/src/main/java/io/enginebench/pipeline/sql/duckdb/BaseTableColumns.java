package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.warehouse.WarehouseTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base tables' canonical columns ({@code warehouse.Tables}) in DuckDB's types, so that a view reads exactly those
 * columns in that order whatever the files hold: a column an older snapshot lacks is NULL of its type, a missing table
 * is empty (as on Spark). {@code Tables} is Spark's schema and loading it would start Spark's classes, hence this
 * copy; {@code BaseTableColumnsTest} keeps the two equal.
 */
final class BaseTableColumns {
    private static final String S = "VARCHAR";
    private static final String I = "INTEGER";
    private static final String L = "BIGINT";
    private static final String D = "DOUBLE";
    private static final String B = "BOOLEAN";
    /** Spark's TIMESTAMP is an instant; so is DuckDB's TIMESTAMPTZ (read in the session's time zone, UTC). */
    private static final String TS = "TIMESTAMPTZ";

    static final Map<WarehouseTable, Map<String, String>> COLUMNS = Map.of(
            WarehouseTable.RUNS, columns(
                    "run_uid", S, "run_id", S, "source", S, "source_path", S, "collection", S, "content_sha256", S,
                    "timestamp", TS, "status", S, "scenario", S, "scenario_config", S,
                    "engine", S, "engine_kind", S, "simulated", B, "engine_variant", S, "spec_method", S,
                    "engine_version", S, "model", S, "model_name", S, "model_slug", S, "model_raw", S,
                    "model_params_b", D, "iteration", I, "matrix_id", S, "max_tokens", I, "hardware", S,
                    "loadgen_version", S, "legacy_wall_time_s", D, "request_count", L, "client_bound", B,
                    "schedule_lag_p99_ms", D, "sim_speed", D, "epoch_unix_ns", L),
            WarehouseTable.REQUESTS, columns(
                    "run_uid", S, "source", S, "run_id", S, "request_index", L, "phase", S, "level_index", I,
                    "concurrency", I, "target_rate", D, "arm", S, "prompt_id", S, "prompt_category", S, "endpoint", S,
                    "max_tokens", I, "temperature", D, "ignore_eos", B, "structured_mode", S, "scheduled_ns", L,
                    "sent_ns", L, "headers_ns", L, "first_chunk_ns", L, "first_token_ns", L, "last_token_ns", L,
                    "completed_ns", L, "chunk_offsets_ns", "BIGINT[]", "chunk_tokens", "INTEGER[]",
                    "chunk_tokens_exact", B, "prompt_sha256", S, "prompt_tokens", I, "completion_tokens", I,
                    "cached_tokens", I, "usage_reported", B, "content_chunk_count", I, "output_chars", L,
                    "finish_reason", S, "outcome", S, "http_status", I, "error", S, "structured_valid", B,
                    "legacy_request_id", I, "prompt_words", I, "legacy_tokens_per_sec", D, "queue_wait_ns", L,
                    "request_id", S),
            WarehouseTable.ENGINE_METRICS, columns(
                    "run_uid", S, "run_id", S, "t_ns", L, "source", S, "name", S, "raw_name", S, "labels", S,
                    "value", D),
            WarehouseTable.DATA_QUALITY, columns(
                    "run_uid", S, "source_path", S, "rule", S, "severity", S, "detail", S, "level_index", I,
                    "concurrency", I, "target_rate", D, "arm", S),
            WarehouseTable.QUARANTINE, columns("source_path", S, "reason", S));

    private BaseTableColumns() {}

    /** Column name to DuckDB type, in the canonical order. */
    static Map<String, String> of(WarehouseTable table) {
        Map<String, String> c = COLUMNS.get(table);
        if (c == null) throw new IllegalArgumentException("not a base table: " + table.tableName());
        return c;
    }

    private static Map<String, String> columns(String... nameTypePairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) out.put(nameTypePairs[i], nameTypePairs[i + 1]);
        return out;
    }

    static List<WarehouseTable> tables() {
        return WarehouseTable.ofKind(WarehouseTable.Kind.BASE);
    }
}
