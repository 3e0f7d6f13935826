package io.enginebench.pipeline.ingest.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.pipeline.ingest.input.MalformedInputException;
import io.enginebench.pipeline.ingest.input.SourcePaths;
import io.enginebench.pipeline.ingest.legacy.ModelNames;
import io.enginebench.pipeline.quality.Finding;
import io.enginebench.pipeline.quality.ModelRules;
import io.enginebench.pipeline.quality.OutageRules;
import io.enginebench.pipeline.quality.Rules;
import io.enginebench.pipeline.warehouse.HadoopFiles;
import io.enginebench.pipeline.warehouse.RowBuilder;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.TraceSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a native run folder's manifest through the Hadoop FileSystem API (so run folders may live on any store) and
 * decides whether it can be ingested: unknown schema versions and unsealed runs are refused with a reason.
 */
public final class NativeRunReader {
    public static final String SOURCE = "native";
    private final HadoopFiles files;
    private final Configuration conf;

    public NativeRunReader(HadoopFiles files, Configuration conf) {
        this.files = files;
        this.conf = conf;
    }

    public NativeRun read(Path dir, String sourcePath) throws MalformedInputException, IOException {
        byte[] manifestBytes = files.readBytes(new Path(dir, TraceSchema.MANIFEST));
        JsonNode tree;
        try {
            tree = TraceJson.mapper().readTree(manifestBytes);
        } catch (IOException e) {
            throw new MalformedInputException("invalid manifest.json: " + firstLine(e.getMessage()));
        }
        int version = tree.path("schema_version").asInt(-1);
        if (!TraceSchema.readable(version)) throw new MalformedInputException(TraceSchema.unsupported(version));
        RunManifest m;
        try {
            m = TraceJson.mapper().treeToValue(tree, RunManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedInputException("invalid manifest.json: " + firstLine(e.getMessage()));
        }
        if (m.status() == null || m.status() == RunStatus.RUNNING) {
            if (files.exists(new Path(dir, TraceSchema.JOURNAL))) {
                throw new MalformedInputException("run not sealed: run bench recover");
            }
            throw new MalformedInputException("run not sealed: status running and no journal");
        }
        Path requests = new Path(dir, TraceSchema.REQUESTS);
        if (!files.exists(requests)) throw new MalformedInputException("requests.parquet missing");
        checkParquetVersion(requests);
        Path metrics = new Path(dir, TraceSchema.ENGINE_METRICS);
        boolean hasMetrics = files.exists(metrics);
        if (hasMetrics) checkParquetVersion(metrics);

        RunManifest.EngineInfo e = m.engine();
        boolean simulated = e != null && e.simulated();
        String family = e == null ? null : simulated && e.personality() != null ? e.personality() : e.kind();
        String declared = e == null ? null : e.variant() != null ? e.variant() : family;
        String spec = declared != null && declared.contains("-") ? declared.substring(declared.indexOf('-') + 1) : null;
        // A simulated engine is never the engine it imitates: "sim-vllm" keeps it out of every real vllm cell.
        String variant = simulated && declared != null && !declared.startsWith("sim-") ? "sim-" + declared : declared;
        String model = e == null ? null : e.model();
        RunManifest.ClientSelfCheck check = m.clientSelfCheck();
        JsonNode cfg = m.scenarioConfig();
        Instant start = parseInstant(m.createdAt());
        Row run = new RowBuilder(Tables.RUNS_SCHEMA)
                .set("run_uid", m.runId()).set("run_id", m.runId()).set("source", SOURCE)
                .set("source_path", sourcePath).set("collection", SourcePaths.parent(sourcePath))
                .set("content_sha256", sha256(manifestBytes))
                .set("timestamp", start == null ? new Timestamp(m.epochUnixNs() / 1_000_000L) : Timestamp.from(start))
                .set("status", m.status().wire()).set("scenario", m.scenario())
                .set("scenario_config", cfg == null ? null : cfg.toString())
                .set("engine", family).set("engine_kind", e == null ? null : e.kind()).set("simulated", simulated)
                .set("engine_variant", variant).set("spec_method", spec)
                .set("engine_version", e == null ? null : e.version())
                .set("model", model).set("model_name", ModelNames.tail(model)).set("model_raw", model)
                .set("model_params_b", ModelNames.paramsB(model)).set("iteration", m.iteration())
                .set("matrix_id", m.matrixId()).set("max_tokens", intOrNull(cfg, "max_tokens", "max_output_tokens"))
                .set("hardware", m.hardware())
                .set("loadgen_version", m.loadgen() == null ? null : m.loadgen().version())
                .set("request_count", m.outcomes() == null ? null
                        : m.outcomes().values().stream().mapToLong(Long::longValue).sum())
                .set("client_bound", check == null ? null : check.clientBound())
                .set("schedule_lag_p99_ms", check == null ? null : check.scheduleLagP99Ms())
                .set("sim_speed", e == null ? null : e.simSpeed())
                .set("epoch_unix_ns", m.epochUnixNs())
                .build();

        List<Finding> findings = new ArrayList<>();
        if (check != null && check.clientBound()) {
            findings.add(new Finding(m.runId(), sourcePath, Rules.CLIENT_BOUND, Finding.ERROR,
                    "the client, not the engine, limited this run: " + check.clientBoundReason()));
        }
        if (simulated) {
            findings.add(new Finding(m.runId(), sourcePath, Rules.SIMULATED_ENGINE, Finding.INFO,
                    "simulated engine (personality " + e.personality() + "): numbers are not measurements"));
        }
        ModelRules.unknownModel(m.runId(), sourcePath, ModelNames.tail(model)).ifPresent(findings::add);
        findings.addAll(OutageRules.of(m, sourcePath));
        if (m.status() == RunStatus.PARTIAL || m.status() == RunStatus.FAILED) {
            findings.add(new Finding(m.runId(), sourcePath, Rules.PARTIAL_RUN, Finding.WARNING,
                    "run status " + m.status().wire() + ": not every planned request was measured"));
        }
        return new NativeRun(m.runId(), sourcePath, run, files.qualify(requests).toString(),
                hasMetrics ? files.qualify(metrics).toString() : null,
                intOrNull(cfg, "prompt_tokens", "target_input_tokens"), findings);
    }

    private void checkParquetVersion(Path file) throws MalformedInputException, IOException {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            String v = r.getFooter().getFileMetaData().getKeyValueMetaData().get(TraceSchema.VERSION_METADATA_KEY);
            if (v == null || !v.matches("\\d{1,9}") || !TraceSchema.readable(Integer.parseInt(v))) {
                throw new MalformedInputException(TraceSchema.unsupported(v) + " in " + file.getName());
            }
        } catch (RuntimeException ex) {
            throw new MalformedInputException("unreadable " + file.getName() + ": " + firstLine(ex.getMessage()));
        }
    }

    private static Integer intOrNull(JsonNode cfg, String... keys) {
        if (cfg == null) return null;
        for (String k : keys) if (cfg.path(k).isIntegralNumber()) return cfg.get(k).intValue();
        return null;
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) { return s == null ? "" : s.lines().findFirst().orElse(""); }
}
