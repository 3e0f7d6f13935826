package io.enginebench.dashboard.results;

import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs in the results folder, read from their manifests, for those the warehouse does not hold yet (still running,
 * or not ingested). Rows use the column names of the warehouse {@code runs} table where a manifest has the value.
 */
public final class RunFolderIndex {
    private final Path resultsDir;

    public RunFolderIndex(Path resultsDir) { this.resultsDir = resultsDir; }

    public List<Map<String, Object>> runs(RunFilter f) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isDirectory(resultsDir)) return out;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(resultsDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                manifest(dir).map(RunFolderIndex::row).filter(r -> matches(r, f)).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> String.valueOf(b.get("timestamp")).compareTo(String.valueOf(a.get("timestamp"))));
        return out;
    }

    public Optional<Map<String, Object>> run(String runId) {
        if (!runId.matches("[A-Za-z0-9._-]+")) return Optional.empty();  // a folder name, never a path
        return manifest(resultsDir.resolve(runId)).map(RunFolderIndex::row);
    }

    private static Optional<RunManifest> manifest(Path dir) {
        RunFolder folder = new RunFolder(dir);
        if (!Files.isRegularFile(folder.manifestPath())) return Optional.empty();
        try {
            return Optional.of(folder.readManifest());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();  // half-written or another schema version: not listed
        }
    }

    static Map<String, Object> row(RunManifest m) {
        Map<String, Object> r = new LinkedHashMap<>();
        RunManifest.EngineInfo e = m.engine();
        r.put("run_uid", m.runId());
        r.put("run_id", m.runId());
        r.put("source", "run-folder");
        r.put("ingested", false);
        r.put("timestamp", m.createdAt());
        r.put("status", m.status() == null ? null : m.status().wire());
        r.put("scenario", m.scenario());
        // as in the warehouse: the simulator counts as the engine it imitates
        r.put("engine", e == null ? null : e.simulated() && e.personality() != null ? e.personality() : e.kind());
        r.put("engine_kind", e == null ? null : e.kind());
        r.put("simulated", e != null && e.simulated());
        r.put("engine_variant", e == null ? null : e.variant());
        r.put("engine_version", e == null ? null : e.version());
        r.put("model", e == null ? null : e.model());
        r.put("model_name", e == null || e.model() == null ? null : lastSegment(e.model()));
        r.put("iteration", m.iteration());
        r.put("matrix_id", m.matrixId());
        r.put("hardware", m.hardware());
        r.put("request_count", m.outcomes() == null ? null
                : m.outcomes().values().stream().mapToLong(Long::longValue).sum());
        r.put("client_bound", m.clientSelfCheck() == null ? null : m.clientSelfCheck().clientBound());
        return r;
    }

    static String lastSegment(String model) {
        int slash = model.lastIndexOf('/');
        return slash < 0 ? model : model.substring(slash + 1);
    }

    private static boolean matches(Map<String, Object> r, RunFilter f) {
        if (f.model() != null && !f.model().equals(r.get("model")) && !f.model().equals(r.get("model_name"))) {
            return false;
        }
        if (f.engine() != null && !f.engine().equals(r.get("engine"))) return false;
        if (f.variant() != null && !f.variant().equals(r.get("engine_variant"))) return false;
        if (f.scenario() != null && !f.scenario().equals(r.get("scenario"))) return false;
        if (f.date() != null) {
            Object ts = r.get("timestamp");
            try {
                if (ts == null || !Instant.parse(ts.toString()).atZone(ZoneOffset.UTC).toLocalDate().equals(f.date())) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
