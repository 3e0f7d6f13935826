package io.enginebench.trace.parquet;

import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.TraceSchema;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.enginebench.trace.parquet.GroupFields.*;

/** {@link RequestRecord} ⇄ Parquet row of {@code requests.parquet}. Column names are the contract's snake_case names. */
public final class RequestRows {
    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
            .required(PrimitiveTypeName.INT64).named("request_index")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("phase")
            .required(PrimitiveTypeName.INT32).named("level_index")
            .optional(PrimitiveTypeName.INT32).named("concurrency")
            .optional(PrimitiveTypeName.DOUBLE).named("target_rate")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("arm")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("prompt_id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("prompt_category")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("endpoint")
            .required(PrimitiveTypeName.INT32).named("max_tokens")
            .required(PrimitiveTypeName.DOUBLE).named("temperature")
            .required(PrimitiveTypeName.BOOLEAN).named("ignore_eos")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("structured_mode")
            .required(PrimitiveTypeName.INT64).named("scheduled_ns")
            .optional(PrimitiveTypeName.INT64).named("sent_ns")
            .optional(PrimitiveTypeName.INT64).named("headers_ns")
            .optional(PrimitiveTypeName.INT64).named("first_chunk_ns")
            .optional(PrimitiveTypeName.INT64).named("first_token_ns")
            .optional(PrimitiveTypeName.INT64).named("last_token_ns")
            .optional(PrimitiveTypeName.INT64).named("completed_ns")
            .optionalList().requiredElement(PrimitiveTypeName.INT64).named("chunk_offsets_ns")
            .optionalList().requiredElement(PrimitiveTypeName.INT32).named("chunk_tokens")
            .required(PrimitiveTypeName.BOOLEAN).named("chunk_tokens_exact")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("prompt_sha256")
            .optional(PrimitiveTypeName.INT32).named("prompt_tokens")
            .optional(PrimitiveTypeName.INT32).named("completion_tokens")
            .optional(PrimitiveTypeName.INT32).named("cached_tokens")
            .required(PrimitiveTypeName.BOOLEAN).named("usage_reported")
            .required(PrimitiveTypeName.INT32).named("content_chunk_count")
            .required(PrimitiveTypeName.INT64).named("output_chars")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("finish_reason")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("outcome")
            .optional(PrimitiveTypeName.INT32).named("http_status")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("error")
            .optional(PrimitiveTypeName.BOOLEAN).named("structured_valid")
            .optional(PrimitiveTypeName.INT64).named("queue_wait_ns")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("request_id")
            .named("request");

    /** Columns added after version 1, each with the version that added it. */
    private static final Map<String, Integer> ADDED_IN = Map.of("queue_wait_ns", 2, "request_id", 3);

    private RequestRows() {}

    /** The columns {@code requests.parquet} had in trace schema {@code version} (a prefix of {@link #SCHEMA}). */
    public static MessageType schema(int version) {
        if (!TraceSchema.readable(version)) throw new IllegalArgumentException(TraceSchema.unsupported(version));
        if (version == TraceSchema.VERSION) return SCHEMA;
        return new MessageType("request", SCHEMA.getFields().stream()
                .filter(f -> ADDED_IN.getOrDefault(f.getName(), 1) <= version).toList());
    }

    public static Group toGroup(RequestRecord r) { return toGroup(r, SCHEMA); }

    /** A row of a file with {@code schema} ({@link #schema(int)}): columns an older version lacks are left out. */
    public static Group toGroup(RequestRecord r, MessageType schema) {
        Group g = new SimpleGroup(schema);
        g.add("run_id", r.runId());
        g.add("request_index", r.requestIndex());
        g.add("phase", r.phase());
        g.add("level_index", r.levelIndex());
        putInt(g, "concurrency", r.concurrency());
        putDouble(g, "target_rate", r.targetRate());
        putString(g, "arm", r.arm());
        putString(g, "prompt_id", r.promptId());
        putString(g, "prompt_category", r.promptCategory());
        g.add("endpoint", r.endpoint());
        g.add("max_tokens", r.maxTokens());
        g.add("temperature", r.temperature());
        g.add("ignore_eos", r.ignoreEos());
        g.add("structured_mode", r.structuredMode());
        g.add("scheduled_ns", r.scheduledNs());
        putLong(g, "sent_ns", r.sentNs());
        putLong(g, "headers_ns", r.headersNs());
        putLong(g, "first_chunk_ns", r.firstChunkNs());
        putLong(g, "first_token_ns", r.firstTokenNs());
        putLong(g, "last_token_ns", r.lastTokenNs());
        putLong(g, "completed_ns", r.completedNs());
        Group offsets = g.addGroup("chunk_offsets_ns");
        for (long v : r.chunkOffsetsNs()) offsets.addGroup("list").add("element", v);
        Group tokens = g.addGroup("chunk_tokens");
        for (int v : r.chunkTokens()) tokens.addGroup("list").add("element", v);
        g.add("chunk_tokens_exact", r.chunkTokensExact());
        putString(g, "prompt_sha256", r.promptSha256());
        putInt(g, "prompt_tokens", r.promptTokens());
        putInt(g, "completion_tokens", r.completionTokens());
        putInt(g, "cached_tokens", r.cachedTokens());
        g.add("usage_reported", r.usageReported());
        g.add("content_chunk_count", r.contentChunkCount());
        g.add("output_chars", r.outputChars());
        putString(g, "finish_reason", r.finishReason());
        g.add("outcome", r.outcome());
        putInt(g, "http_status", r.httpStatus());
        putString(g, "error", r.error());
        putBoolean(g, "structured_valid", r.structuredValid());
        if (schema.containsField("queue_wait_ns")) putLong(g, "queue_wait_ns", r.queueWaitNs());
        if (schema.containsField("request_id")) putString(g, "request_id", r.requestId());
        return g;
    }

    public static RequestRecord fromGroup(Group g) {
        return new RequestRecord(
                g.getString("run_id", 0),
                g.getLong("request_index", 0),
                g.getString("phase", 0),
                g.getInteger("level_index", 0),
                getInt(g, "concurrency"),
                getDouble(g, "target_rate"),
                getString(g, "arm"),
                getString(g, "prompt_id"),
                getString(g, "prompt_category"),
                g.getString("endpoint", 0),
                g.getInteger("max_tokens", 0),
                g.getDouble("temperature", 0),
                g.getBoolean("ignore_eos", 0),
                g.getString("structured_mode", 0),
                g.getLong("scheduled_ns", 0),
                getLong(g, "sent_ns"),
                getLong(g, "headers_ns"),
                getLong(g, "first_chunk_ns"),
                getLong(g, "first_token_ns"),
                getLong(g, "last_token_ns"),
                getLong(g, "completed_ns"),
                longList(g, "chunk_offsets_ns"),
                intList(g, "chunk_tokens"),
                g.getBoolean("chunk_tokens_exact", 0),
                getString(g, "prompt_sha256"),
                getInt(g, "prompt_tokens"),
                getInt(g, "completion_tokens"),
                getInt(g, "cached_tokens"),
                g.getBoolean("usage_reported", 0),
                g.getInteger("content_chunk_count", 0),
                g.getLong("output_chars", 0),
                getString(g, "finish_reason"),
                g.getString("outcome", 0),
                getInt(g, "http_status"),
                getString(g, "error"),
                getBoolean(g, "structured_valid"),
                g.getType().containsField("queue_wait_ns") ? getLong(g, "queue_wait_ns") : null,
                g.getType().containsField("request_id") ? getString(g, "request_id") : null);
    }

    private static List<Long> longList(Group g, String field) {
        List<Long> out = new ArrayList<>();
        if (g.getFieldRepetitionCount(field) == 0) return out;
        Group list = g.getGroup(field, 0);
        for (int i = 0, n = list.getFieldRepetitionCount("list"); i < n; i++) {
            out.add(list.getGroup("list", i).getLong("element", 0));
        }
        return out;
    }

    private static List<Integer> intList(Group g, String field) {
        List<Integer> out = new ArrayList<>();
        if (g.getFieldRepetitionCount(field) == 0) return out;
        Group list = g.getGroup(field, 0);
        for (int i = 0, n = list.getFieldRepetitionCount("list"); i < n; i++) {
            out.add(list.getGroup("list", i).getInteger("element", 0));
        }
        return out;
    }
}
