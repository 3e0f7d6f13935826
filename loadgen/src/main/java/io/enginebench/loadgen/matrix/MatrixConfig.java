package io.enginebench.loadgen.matrix;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A comparison matrix: models × engine profiles × scenarios × iterations, read from YAML
 * (see {@code deploy/matrix.example.yaml}).
 *
 * @param matrixId   names the matrix; run folders carry it, so a restarted matrix finds its completed cells
 * @param overrides  scenario overrides applied to every cell ({@code requests}, {@code concurrency}, {@code max_tokens}, …)
 */
public record MatrixConfig(String matrixId, String output, int iterations, List<String> scenarios,
                           List<String> models, List<EngineProfile> engines, Map<String, Object> overrides) {

    /**
     * How to bring one engine variant up and down. Commands run through {@code sh -c}; {@code ${MODEL}} and
     * {@code ${PORT}} are substituted. Without a start command the engine is assumed to be running already.
     */
    public record EngineProfile(String name, String kind, String variant, String baseUrl, String start, String stop,
                                String healthPath, Integer startupTimeoutS, Integer cooldownS, String apiKeyEnv) {
        public String healthPathOrDefault() { return healthPath == null ? "/health" : healthPath; }

        public int startupTimeoutOrDefault() { return startupTimeoutS == null ? 900 : startupTimeoutS; }

        public int cooldownOrDefault() { return cooldownS == null ? 10 : cooldownS; }

        public String variantOrKind() { return variant == null ? kind : variant; }
    }

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static MatrixConfig load(Path file) {
        if (!Files.isRegularFile(file)) throw new UserFacingException("matrix config not found: " + file);
        MatrixConfig c;
        try {
            c = YAML.readValue(file.toFile(), MatrixConfig.class);
        } catch (IOException e) {
            String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UserFacingException("cannot read matrix config " + file + ": " + first);
        }
        return c.validated(file);
    }

    private MatrixConfig validated(Path file) {
        require(matrixId != null && matrixId.matches("[A-Za-z0-9._-]+"), file,
                "matrix_id is required (letters, digits, . _ -)");
        require(scenarios != null && !scenarios.isEmpty(), file, "scenarios must list at least one scenario");
        require(models != null && !models.isEmpty(), file, "models must list at least one model");
        require(engines != null && !engines.isEmpty(), file, "engines must list at least one engine profile");
        require(iterations >= 0, file, "iterations must be ≥ 1");
        for (EngineProfile e : engines) {
            require(e.name() != null && e.kind() != null && e.baseUrl() != null, file,
                    "every engine needs name, kind and base_url");
        }
        long distinct = engines.stream().map(EngineProfile::name).distinct().count();
        require(distinct == engines.size(), file, "engine profile names must be unique");
        return new MatrixConfig(matrixId, output == null ? "raw-results" : output, Math.max(iterations, 1),
                List.copyOf(scenarios), List.copyOf(models), List.copyOf(engines),
                overrides == null ? Map.of() : Map.copyOf(overrides));
    }

    private static void require(boolean ok, Path file, String message) {
        if (!ok) throw new UserFacingException(file + ": " + message);
    }
}
