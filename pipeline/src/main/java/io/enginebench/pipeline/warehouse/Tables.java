package io.enginebench.pipeline.warehouse;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The canonical schemas (column order and types) of the base tables of {@link WarehouseTable}; the names here are
 * the registry's, kept short for the ingest code that builds these tables.
 */
public final class Tables {
    public static final String RUNS = WarehouseTable.RUNS.tableName();
    public static final String REQUESTS = WarehouseTable.REQUESTS.tableName();
    public static final String ENGINE_METRICS = WarehouseTable.ENGINE_METRICS.tableName();
    public static final String DATA_QUALITY = WarehouseTable.DATA_QUALITY.tableName();
    public static final String QUARANTINE = WarehouseTable.QUARANTINE.tableName();
    public static final List<String> BASE = WarehouseTable.namesOf(WarehouseTable.Kind.BASE);

    private static final DataType S = DataTypes.StringType;
    private static final DataType I = DataTypes.IntegerType;
    private static final DataType L = DataTypes.LongType;
    private static final DataType D = DataTypes.DoubleType;
    private static final DataType B = DataTypes.BooleanType;

    public static final StructType RUNS_SCHEMA = schema(
            "run_uid", S, "run_id", S, "source", S, "source_path", S, "collection", S, "content_sha256", S,
            "timestamp", DataTypes.TimestampType, "status", S, "scenario", S, "scenario_config", S,
            "engine", S, "engine_kind", S, "simulated", B, "engine_variant", S, "spec_method", S, "engine_version", S,
            "model", S, "model_name", S, "model_slug", S, "model_raw", S, "model_params_b", D,
            "iteration", I, "matrix_id", S, "max_tokens", I, "hardware", S, "loadgen_version", S,
            "legacy_wall_time_s", D, "request_count", L, "client_bound", B, "schedule_lag_p99_ms", D, "sim_speed", D,
            "epoch_unix_ns", L);

    public static final StructType REQUESTS_SCHEMA = schema(
            "run_uid", S, "source", S, "run_id", S, "request_index", L, "phase", S, "level_index", I,
            "concurrency", I, "target_rate", D, "arm", S, "prompt_id", S, "prompt_category", S, "endpoint", S,
            "max_tokens", I, "temperature", D, "ignore_eos", B, "structured_mode", S, "scheduled_ns", L,
            "sent_ns", L, "headers_ns", L, "first_chunk_ns", L, "first_token_ns", L, "last_token_ns", L,
            "completed_ns", L, "chunk_offsets_ns", DataTypes.createArrayType(L, true),
            "chunk_tokens", DataTypes.createArrayType(I, true), "chunk_tokens_exact", B, "prompt_sha256", S,
            "prompt_tokens", I, "completion_tokens", I, "cached_tokens", I, "usage_reported", B,
            "content_chunk_count", I, "output_chars", L, "finish_reason", S, "outcome", S, "http_status", I,
            "error", S, "structured_valid", B, "legacy_request_id", I, "prompt_words", I,
            "legacy_tokens_per_sec", D, "queue_wait_ns", L, "request_id", S);

    public static final StructType ENGINE_METRICS_SCHEMA = schema(
            "run_uid", S, "run_id", S, "t_ns", L, "source", S, "name", S, "raw_name", S, "labels", S, "value", D);

    public static final StructType DATA_QUALITY_SCHEMA = schema(
            "run_uid", S, "source_path", S, "rule", S, "severity", S, "detail", S, "level_index", I, "concurrency", I,
            "target_rate", D, "arm", S);

    public static final StructType QUARANTINE_SCHEMA = schema("source_path", S, "reason", S);

    public static final Map<String, StructType> SCHEMAS = Map.of(RUNS, RUNS_SCHEMA, REQUESTS, REQUESTS_SCHEMA,
            ENGINE_METRICS, ENGINE_METRICS_SCHEMA, DATA_QUALITY, DATA_QUALITY_SCHEMA, QUARANTINE, QUARANTINE_SCHEMA);

    private Tables() {}

    /** Selects exactly the columns of {@code schema}, in its order, cast to its types; missing columns become null. */
    public static Dataset<Row> conform(Dataset<Row> df, StructType schema) {
        List<String> have = Arrays.asList(df.columns());
        List<Column> cols = new ArrayList<>();
        for (StructField f : schema.fields()) {
            Column c = have.contains(f.name()) ? col(f.name()).cast(f.dataType()) : lit(null).cast(f.dataType());
            cols.add(c.as(f.name()));
        }
        return df.select(cols.toArray(new Column[0]));
    }

    private static StructType schema(Object... nameTypePairs) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            fields.add(DataTypes.createStructField((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true));
        }
        return DataTypes.createStructType(fields);
    }
}
