package io.enginebench.loadgen.matrix;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.enginebench.loadgen.engine.EngineProfile;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A comparison matrix: models × engine profiles × scenarios × iterations, read from YAML
 * (see {@code deploy/matrix.example.yaml}). Each entry of {@code engines} is an {@link EngineProfile}, inline or
 * {@code profile: path/to/profile.yaml} plus inline overrides.
 *
 * @param matrixId  names the matrix; run folders carry it, so a restarted matrix finds its completed cells
 * @param overrides scenario overrides applied to every cell: {@code requests}, {@code concurrency}, {@code max_tokens},
 *                  {@code warmup}
 */
public record MatrixConfig(String matrixId, String output, int iterations, List<String> scenarios,
                           List<String> models, List<EngineProfile> engines, Map<String, Object> overrides) {

    private static final Set<String> KEYS = Set.of("matrix_id", "output", "iterations", "scenarios", "models",
            "engines", "overrides");
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();

    public static MatrixConfig load(Path file) {
        if (!Files.isRegularFile(file)) throw new UserFacingException("matrix config not found: " + file);
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UserFacingException("cannot read matrix config " + file + ": " + first);
        }
        if (root == null || !root.isObject()) throw new UserFacingException(file + ": not a YAML mapping");
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) throw new UserFacingException(file + ": unknown key '" + k + "' (known: " + KEYS + ")");
        });
        Path baseDir = file.toAbsolutePath().getParent();
        List<EngineProfile> engines = new ArrayList<>();
        JsonNode list = root.path("engines");
        for (int i = 0; i < list.size(); i++) {
            engines.add(EngineProfile.resolve(list.get(i), baseDir, file + " engines[" + i + "]"));
        }
        return new MatrixConfig(text(root, "matrix_id"), text(root, "output"), root.path("iterations").asInt(1),
                strings(root, "scenarios"), strings(root, "models"), engines,
                YAML.convertValue(root.path("overrides").isObject() ? root.get("overrides") : YAML.createObjectNode(),
                        new TypeReference<Map<String, Object>>() {}))
                .validated(file);
    }

    private static String text(JsonNode root, String key) {
        return root.hasNonNull(key) ? root.get(key).asText() : null;
    }

    private static List<String> strings(JsonNode root, String key) {
        List<String> out = new ArrayList<>();
        root.path(key).forEach(n -> out.add(n.asText()));
        return out;
    }

    MatrixConfig validated(Path file) {
        require(matrixId != null && matrixId.matches("[A-Za-z0-9._-]+"), file,
                "matrix_id is required (letters, digits, . _ -)");
        require(scenarios != null && !scenarios.isEmpty(), file, "scenarios must list at least one scenario");
        require(models != null && !models.isEmpty(), file, "models must list at least one model");
        require(engines != null && !engines.isEmpty(), file, "engines must list at least one engine profile");
        require(iterations >= 1, file, "iterations must be ≥ 1");
        long distinct = engines.stream().map(EngineProfile::name).distinct().count();
        require(distinct == engines.size(), file, "engine profile names must be unique");
        return new MatrixConfig(matrixId, output == null ? "raw-results" : output, iterations,
                List.copyOf(scenarios), List.copyOf(models), List.copyOf(engines),
                overrides == null ? Map.of() : Map.copyOf(overrides));
    }

    private static void require(boolean ok, Path file, String message) {
        if (!ok) throw new UserFacingException(file + ": " + message);
    }
}
