package io.enginebench.pipeline.ingest.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.enginebench.pipeline.ingest.input.MalformedInputException;
import io.enginebench.pipeline.ingest.input.SourcePaths;
import io.enginebench.pipeline.quality.Finding;
import io.enginebench.pipeline.quality.LegacyRunFacts;
import io.enginebench.pipeline.quality.LegacyRunRules;
import io.enginebench.pipeline.quality.ModelRules;
import io.enginebench.pipeline.warehouse.RowBuilder;
import io.enginebench.pipeline.warehouse.Tables;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.enginebench.pipeline.ingest.legacy.JsonFields.*;

/**
 * Parses one result file of the older harness into warehouse rows, strictly: anything that is not the format
 * (truncated, empty, not UTF-8, wrong types) is a {@link MalformedInputException} whose message is the quarantine
 * reason. Thread-safe.
 */
public final class LegacyResultParser {
    public static final String SOURCE = "legacy-json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final long NS_PER_MS = 1_000_000L;
    /** Spark's row encoder wants Scala sequences for array columns. */
    private static final Object NO_CHUNKS = scala.jdk.javaapi.CollectionConverters.asScala(List.of()).toSeq();

    /**
     * @param bytes      the file's content
     * @param sourcePath relative to the ingest root
     * @param sha256     hex digest of {@code bytes}
     */
    public LegacyRun parse(byte[] bytes, String sourcePath, String sha256) throws MalformedInputException {
        if (bytes.length == 0) throw new MalformedInputException("empty file");
        JsonNode root = readJson(bytes);
        if (!root.isObject()) throw new MalformedInputException("not a JSON object");
        LegacyFileName name = LegacyFileName.parse(SourcePaths.fileName(sourcePath)).orElse(null);

        String runId = text(root, "run_id", "$");
        double ts = number(root, "timestamp", "$");
        long tsMs = Math.round(ts * 1000);
        String runUid = "legacy-" + runId + "-" + tsMs + "-" + sha256.substring(0, 12);
        String scenario = text(root, "scenario_name", "$");
        String engineName = text(root, "engine_name", "$");
        JsonNode config = object(root, "scenario_config", "$");
        JsonNode runMeta = optObject(root, "run_metadata", "$");
        optObject(root, "workload_metadata", "$");
        JsonNode metrics = object(root, "metrics", "$");
        JsonNode requests = array(root, "requests", "$");
        JsonNode timeline = root.get("engine_metrics_timeline");
        if (timeline != null && !timeline.isNull() && !timeline.isArray()) {
            throw new MalformedInputException("wrong type: $.engine_metrics_timeline must be an array");
        }

        String model = runMeta == null ? null : optText(runMeta, "model", "$.run_metadata");
        EngineIdentity engine = EngineIdentity.of(
                runMeta == null ? null : optText(runMeta, "engine_variant", "$.run_metadata"),
                runMeta == null ? null : optText(runMeta, "spec_method", "$.run_metadata"),
                name == null ? null : name.engineToken(), engineName);
        Integer iteration = runMeta == null ? null : optInteger(runMeta, "iteration", "$.run_metadata");
        Integer maxTokens = optInteger(config, "max_output_tokens", "$.scenario_config");
        Double temperature = optNumber(config, "temperature", "$.scenario_config");
        Levels levels = Levels.of(config);
        JsonNode throughput = optObject(metrics, "throughput", "$.metrics");
        Double wallTime = throughput == null ? null : optNumber(throughput, "wall_time_sec", "$.metrics.throughput");

        List<Row> requestRows = new ArrayList<>(requests.size());
        int zero = 0, okZero = 0, failed = 0, failedNoError = 0;
        int[] words = new int[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            JsonNode r = requests.get(i);
            String where = "$.requests[" + i + "]";
            if (!r.isObject()) throw new MalformedInputException("wrong type: " + where + " must be an object");
            int outputTokens = integer(r, "output_tokens", where);
            boolean success = bool(r, "success", where);
            String error = optText(r, "error", where);
            double ttft = number(r, "ttft_ms", where);
            double total = number(r, "total_ms", where);
            words[i] = integer(r, "prompt_len", where);
            if (outputTokens == 0) zero++;
            if (success && outputTokens == 0) okZero++;
            if (!success) {
                failed++;
                if (error == null || error.isEmpty()) failedNoError++;
            }
            int level = levels.levelIndex(i);
            requestRows.add(new RowBuilder(Tables.REQUESTS_SCHEMA)
                    .set("run_uid", runUid).set("source", SOURCE).set("run_id", runId)
                    .set("request_index", (long) i).set("phase", "measured").set("level_index", level)
                    .set("concurrency", levels.concurrency(level))
                    .set("prompt_id", optText(r, "prompt_id", where))
                    .set("prompt_category", optText(r, "prompt_category", where))
                    .set("max_tokens", maxTokens).set("temperature", temperature).set("structured_mode", "none")
                    .set("scheduled_ns", 0L).set("sent_ns", 0L)
                    .set("first_token_ns", Math.round(ttft * NS_PER_MS))
                    .set("last_token_ns", Math.round(total * NS_PER_MS))
                    .set("completed_ns", Math.round(total * NS_PER_MS))
                    .set("chunk_offsets_ns", NO_CHUNKS).set("chunk_tokens", NO_CHUNKS)
                    .set("chunk_tokens_exact", false).set("completion_tokens", outputTokens)
                    .set("usage_reported", false).set("content_chunk_count", outputTokens)
                    .set("outcome", success ? "ok" : "stream_error").set("error", error)
                    .set("legacy_request_id", optInteger(r, "request_id", where)).set("prompt_words", words[i])
                    .set("legacy_tokens_per_sec", optNumber(r, "tokens_per_sec", where))
                    .build());
        }

        List<Row> metricRows = new ArrayList<>();
        boolean timelineAllZero = true;
        int samples = 0;
        if (timeline != null && timeline.isArray()) {
            for (int i = 0; i < timeline.size(); i++) {
                JsonNode s = timeline.get(i);
                String where = "$.engine_metrics_timeline[" + i + "]";
                if (!s.isObject()) throw new MalformedInputException("wrong type: " + where + " must be an object");
                samples++;
                long tNs = Math.round((number(s, "timestamp", where) - ts) * 1e9);
                timelineAllZero &= addSample(metricRows, runUid, runId, tNs, "kv_cache_usage", "kv_cache_usage_pct",
                        s, where, 0.01);
                timelineAllZero &= addSample(metricRows, runUid, runId, tNs, "requests_running", "running_requests",
                        s, where, 1);
                timelineAllZero &= addSample(metricRows, runUid, runId, tNs, "requests_waiting", "pending_requests",
                        s, where, 1);
                timelineAllZero &= addSample(metricRows, runUid, runId, tNs, "gpu_memory_used_bytes",
                        "gpu_memory_used_gb", s, where, 1024.0 * 1024 * 1024);
            }
        }

        String collection = SourcePaths.collection(sourcePath);
        Row run = new RowBuilder(Tables.RUNS_SCHEMA)
                .set("run_uid", runUid).set("run_id", runId).set("source", SOURCE).set("source_path", sourcePath)
                .set("collection", collection).set("content_sha256", sha256)
                .set("timestamp", new Timestamp(tsMs)).set("status", "complete").set("scenario", scenario)
                .set("scenario_config", config.toString())
                .set("engine", engine.engine()).set("engine_kind", engine.engine()).set("simulated", false)
                .set("engine_variant", engine.variant()).set("spec_method", engine.specMethod())
                .set("model", model).set("model_name", ModelNames.tail(model))
                .set("model_slug", SourcePaths.slug(sourcePath)).set("model_raw", model)
                .set("model_params_b", ModelNames.paramsB(model != null ? model : SourcePaths.slug(sourcePath)))
                .set("iteration", iteration).set("max_tokens", maxTokens)
                .set("legacy_wall_time_s", wallTime).set("request_count", (long) requests.size())
                .set("client_bound", null).set("epoch_unix_ns", Math.round(ts * 1e6) * 1000L)
                .build();

        LegacyRunFacts facts = new LegacyRunFacts(runUid, sourcePath, scenario, engine.specMethod(), runMeta != null,
                requests.size(), zero, okZero, failed, failedNoError, samples, timelineAllZero,
                labelPromptTokens(config), median(words), config.has("json_schema")
                        || scenario.startsWith("structured_generation"));
        List<Finding> findings = LegacyRunRules.check(facts);
        ModelRules.unknownModel(runUid, sourcePath, ModelNames.tail(model)).ifPresent(findings::add);
        return new LegacyRun(runUid, sourcePath, null, sha256, run, requestRows, metricRows, findings);
    }

    private static JsonNode readJson(byte[] bytes) throws MalformedInputException {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || n.isMissingNode()) throw new MalformedInputException("no JSON content");
            return n;
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            String kind = msg.contains("UTF-8") || msg.contains("Invalid UTF") ? "not valid UTF-8"
                    : msg.contains("end-of-input") || msg.contains("Unexpected end") ? "truncated JSON" : "invalid JSON";
            throw new MalformedInputException(kind + ": " + firstLine(msg) + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new MalformedInputException("unreadable: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** Adds one normalised sample; returns whether its value was 0. */
    private static boolean addSample(List<Row> out, String runUid, String runId, long tNs, String name, String raw,
                                     JsonNode s, String where, double scale) throws MalformedInputException {
        Double v = optNumber(s, raw, where);
        if (v == null) return true;
        out.add(new RowBuilder(Tables.ENGINE_METRICS_SCHEMA).set("run_uid", runUid).set("run_id", runId)
                .set("t_ns", tNs).set("source", "legacy").set("name", name).set("raw_name", raw).set("labels", "")
                .set("value", v * scale).build());
        return v == 0.0;
    }

    /** The prompt length the scenario claims: {@code prompt_tokens}, or shared prefix + suffix. */
    static Integer labelPromptTokens(JsonNode config) {
        if (config.path("prompt_tokens").isIntegralNumber()) return config.get("prompt_tokens").intValue();
        if (config.path("shared_prefix_tokens").isIntegralNumber()) {
            return config.get("shared_prefix_tokens").intValue() + config.path("user_suffix_tokens").asInt(0);
        }
        return null;
    }

    private static Double median(int[] v) {
        if (v.length == 0) return null;
        int[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static String firstLine(String s) { return s.lines().findFirst().orElse("").trim(); }

    /** Concurrency per request: a ramp's {@code levels[i / requests_per_level]}, else the fixed concurrency. */
    record Levels(int[] levels, int perLevel) {
        static Levels of(JsonNode config) throws MalformedInputException {
            JsonNode arr = config.get("concurrency_levels");
            if (arr != null && arr.isArray() && arr.size() > 0) {
                int[] l = new int[arr.size()];
                for (int i = 0; i < l.length; i++) {
                    if (!arr.get(i).isIntegralNumber()) {
                        throw new MalformedInputException("wrong type: $.scenario_config.concurrency_levels[" + i
                                + "] must be an integer");
                    }
                    l[i] = arr.get(i).intValue();
                }
                int per = integer(config, "requests_per_level", "$.scenario_config");
                if (per <= 0) throw new MalformedInputException("$.scenario_config.requests_per_level must be > 0");
                return new Levels(l, per);
            }
            Integer c = optInteger(config, "concurrency", "$.scenario_config");
            return new Levels(c == null ? new int[0] : new int[] {c}, Integer.MAX_VALUE);
        }

        int levelIndex(int i) { return levels.length <= 1 ? 0 : Math.min(i / perLevel, levels.length - 1); }

        Integer concurrency(int level) { return levels.length == 0 ? null : levels[level]; }
    }
}
