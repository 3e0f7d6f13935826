package io.enginebench.pipeline.ingest.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.enginebench.pipeline.ingest.input.MalformedInputException;
import io.enginebench.pipeline.ingest.input.SourcePaths;
import io.enginebench.pipeline.quality.Finding;
import io.enginebench.pipeline.quality.Rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks a legacy {@code matrix_manifest_<ts>.json}: every task's {@code result_path} must be a relative path to a
 * file that still exists. Relative paths are resolved from the folder that holds the collection
 * ({@code results/x/y.json} from {@code head/} for a manifest in {@code head/results/x/}).
 */
public final class MatrixManifestCheck {
    private MatrixManifestCheck() {}

    /** @param exists tells whether a path relative to the ingest root names an existing file */
    public static List<Finding> check(byte[] bytes, String sourcePath, Predicate<String> exists)
            throws MalformedInputException {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(bytes);
        } catch (IOException e) {
            throw new MalformedInputException("invalid JSON in matrix manifest: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject() || !root.path("tasks").isArray()) {
            throw new MalformedInputException("not a matrix manifest: no tasks array");
        }
        String collection = SourcePaths.collection(sourcePath);
        String base = collection == null ? null : SourcePaths.parent(collection);
        List<Finding> out = new ArrayList<>();
        JsonNode tasks = root.get("tasks");
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode t = tasks.get(i);
            String label = "task " + i + " (" + t.path("scenario_name").asText("?") + ", " + t.path("engine").asText("?")
                    + ", iteration " + t.path("iteration").asText("?") + ")";
            JsonNode rp = t.get("result_path");
            if (rp == null || rp.isNull()) {
                out.add(new Finding(null, sourcePath, Rules.MANIFEST_SKIPPED_TASK, Finding.INFO,
                        label + " has no result_path, status " + t.path("status").asText("?")));
                continue;
            }
            String p = rp.asText();
            if (p.startsWith("/") || p.matches("^[A-Za-z]:[\\\\/].*")) {
                out.add(new Finding(null, sourcePath, Rules.MANIFEST_ABSOLUTE_PATH, Finding.WARNING,
                        label + " result_path is an absolute host path: " + p));
                continue;
            }
            String resolved = base == null ? p : base + "/" + p;
            if (!exists.test(resolved)) {
                out.add(new Finding(null, sourcePath, Rules.MANIFEST_MISSING_RESULT, Finding.WARNING,
                        label + " result_path does not exist: " + p));
            }
        }
        return out;
    }
}
