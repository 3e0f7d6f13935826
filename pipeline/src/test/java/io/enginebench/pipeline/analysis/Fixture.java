package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny in-memory base tables with the docs/WAREHOUSE.md columns the analyses read. */
final class Fixture implements AnalysisInputs {
    static final StructType RUNS = schema("run_uid string, run_id string, source string, source_path string,"
            + " collection string, timestamp timestamp, status string, scenario string, engine string,"
            + " scenario_config string, engine_kind string, simulated boolean, engine_variant string,"
            + " spec_method string, model string,"
            + " model_name string, model_params_b double, iteration int, max_tokens int,"
            + " legacy_wall_time_s double, client_bound boolean");
    static final StructType REQUESTS = schema("run_uid string, source string, request_index bigint, phase string,"
            + " level_index int, concurrency int, target_rate double, arm string, scheduled_ns bigint,"
            + " sent_ns bigint, first_token_ns bigint, last_token_ns bigint, completed_ns bigint,"
            + " chunk_offsets_ns array<bigint>, chunk_tokens array<int>, prompt_tokens int,"
            + " chunk_tokens_exact boolean,"
            + " completion_tokens int, cached_tokens int, content_chunk_count int, outcome string,"
            + " structured_valid boolean");
    static final StructType METRICS = schema("run_uid string, t_ns bigint, source string, name string,"
            + " raw_name string, labels string, value double");
    static final StructType QUALITY = schema("run_uid string, source_path string, rule string, severity string,"
            + " detail string");
    static final long MS = 1_000_000L;

    final List<Map<String, Object>> runs = new ArrayList<>();
    final List<Map<String, Object>> requests = new ArrayList<>();
    final List<Map<String, Object>> metrics = new ArrayList<>();
    final List<Map<String, Object>> quality = new ArrayList<>();

    static StructType schema(String ddl) {
        return StructType.fromDDL(ddl);
    }

    Map<String, Object> run(String uid, String model, String engine, String scenario) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_uid", uid);
        r.put("run_id", uid);
        r.put("source", "native");
        r.put("scenario", scenario);
        r.put("engine", engine);
        r.put("engine_variant", engine);
        r.put("model", "org/" + model);
        r.put("model_name", model);
        r.put("iteration", 1);
        r.put("simulated", true);
        r.put("client_bound", false);
        runs.add(r);
        return r;
    }

    Map<String, Object> legacyRun(String uid, String model, String engine, String scenario, double wallS) {
        Map<String, Object> r = run(uid, model, engine, scenario);
        r.put("source", "legacy-json");
        r.put("collection", "head/results");
        r.put("legacy_wall_time_s", wallS);
        return r;
    }

    /** A native request sent at {@code sentMs}, one token per chunk, chunks evenly spaced from first to last. */
    Map<String, Object> request(String uid, long index, double sentMs, double ttftMs, double e2eMs, int tokens) {
        Map<String, Object> q = new LinkedHashMap<>();
        long sent = Math.round(sentMs * MS);
        long first = sent + Math.round(ttftMs * MS);
        long done = sent + Math.round(e2eMs * MS);
        List<Long> offsets = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            offsets.add(tokens == 1 ? first : first + (done - first) * i / (tokens - 1));
            counts.add(1);
        }
        q.put("run_uid", uid);
        q.put("request_index", index);
        q.put("phase", "measured");
        q.put("level_index", 0);
        q.put("concurrency", 1);
        q.put("scheduled_ns", sent);
        q.put("sent_ns", sent);
        q.put("first_token_ns", first);
        q.put("last_token_ns", done);
        q.put("completed_ns", done);
        q.put("chunk_offsets_ns", offsets);
        q.put("chunk_tokens", counts);
        q.put("chunk_tokens_exact", true);
        q.put("completion_tokens", tokens);
        q.put("content_chunk_count", tokens);
        q.put("outcome", "ok");
        requests.add(q);
        return q;
    }

    /** A legacy request as ingest stores it: sent_ns = 0, first_token = ttft, completed = last_token = total. */
    Map<String, Object> legacyRequest(String uid, long index, boolean ok, double ttftMs, double totalMs, int out) {
        Map<String, Object> q = request(uid, index, 0, ttftMs, totalMs, 0);
        q.put("source", "legacy-json");
        q.put("scheduled_ns", 0L);
        q.put("completion_tokens", out);
        q.put("content_chunk_count", out);
        q.put("chunk_tokens_exact", false);
        q.put("outcome", ok ? "ok" : "stream_error");
        return q;
    }

    void counter(String uid, long tNs, String name, String labels, double value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_uid", uid);
        m.put("t_ns", tNs);
        m.put("source", "prometheus");
        m.put("name", name);
        m.put("raw_name", name);
        m.put("labels", labels);
        m.put("value", value);
        metrics.add(m);
    }

    void finding(String uid, String rule, String severity) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("run_uid", uid);
        f.put("rule", rule);
        f.put("severity", severity);
        quality.add(f);
    }

    static Dataset<Row> frame(StructType schema, List<Map<String, Object>> rows) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> m : rows) {
            Object[] values = new Object[schema.fields().length];
            for (int i = 0; i < values.length; i++) {
                StructField f = schema.fields()[i];
                values[i] = convert(m.get(f.name()), f.dataType());
            }
            out.add(RowFactory.create(values));
        }
        return SharedSpark.get().createDataFrame(out, schema);
    }

    private static Object convert(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        if (type.equals(DataTypes.LongType)) {
            return ((Number) v).longValue();
        }
        if (type.equals(DataTypes.IntegerType)) {
            return ((Number) v).intValue();
        }
        if (type.equals(DataTypes.DoubleType)) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof List<?> list) {
            return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
        }
        return v;
    }

    @Override public Dataset<Row> runs() { return frame(RUNS, runs); }

    @Override public Dataset<Row> requests() { return frame(REQUESTS, requests); }

    @Override public Dataset<Row> engineMetrics() { return frame(METRICS, metrics); }

    @Override public Dataset<Row> dataQuality() { return frame(QUALITY, quality); }
}
