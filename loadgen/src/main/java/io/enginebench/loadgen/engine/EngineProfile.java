package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * An engine profile ({@code deploy/profiles/*.yaml}): which engine, where, and how to start and stop it.
 * {@code bench run --engine} uses where; {@code bench matrix} also uses the life-cycle commands, which run through
 * {@code sh -c} with {@code MODEL} and {@code PORT} in their environment.
 *
 * @param name      short label (defaults to the variant)
 * @param model     the model to request (a matrix overrides it per cell)
 * @param apiKeyEnv name of the environment variable holding the API key (never the key itself)
 */
public record EngineProfile(String name, String kind, String variant, String baseUrl, String model, String apiKeyEnv,
                            String startCommand, String stopCommand, String healthPath,
                            Integer startupTimeoutSeconds, Integer cooldownSeconds) {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public EngineProfile {
        if (variant == null || variant.isBlank()) variant = kind;
        if (name == null || name.isBlank()) name = variant;
        if (healthPath == null || healthPath.isBlank()) healthPath = "/health";
        if (startupTimeoutSeconds == null) startupTimeoutSeconds = 900;
        if (cooldownSeconds == null) cooldownSeconds = 10;
    }

    public static EngineProfile read(Path file) {
        return fromNode(readTree(file), file.toString());
    }

    /**
     * A profile given inline, or {@code {profile: path, …}}: the file's fields overlaid with the inline ones
     * (paths relative to {@code baseDir}).
     */
    public static EngineProfile resolve(JsonNode node, Path baseDir, String where) {
        if (node == null || !node.isObject()) throw new UserFacingException(where + ": an engine must be a mapping");
        ObjectNode merged;
        if (node.has("profile")) {
            Path file = baseDir.resolve(node.get("profile").asText());
            merged = (ObjectNode) readTree(file);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("profile")) merged.set(e.getKey(), e.getValue());
            }
        } else {
            merged = (ObjectNode) node;
        }
        return fromNode(merged, where);
    }

    private static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) throw new UserFacingException("engine profile not found: " + file);
        try {
            JsonNode n = YAML.readTree(file.toFile());
            if (n == null || !n.isObject()) throw new UserFacingException("engine profile " + file + " is empty");
            return n;
        } catch (IOException e) {
            throw new UserFacingException("engine profile " + file + " is not valid YAML: " + firstLine(e));
        }
    }

    private static EngineProfile fromNode(JsonNode node, String where) {
        EngineProfile p;
        try {
            p = YAML.treeToValue(node, EngineProfile.class);
        } catch (IOException e) {
            throw new UserFacingException("engine profile " + where + " is not valid: " + firstLine(e));
        }
        if (p.kind() == null || p.baseUrl() == null) {
            throw new UserFacingException("engine profile " + where + " needs kind and base_url");
        }
        parseKind(p.kind());
        return p;
    }

    /** The target for {@code bench run}; the profile must name its model. */
    public EngineTarget target() {
        if (model == null) throw new UserFacingException("engine profile '" + name + "' names no model");
        return target(model);
    }

    public EngineTarget target(String servedModel) {
        return new EngineTarget(parseKind(kind), variant, baseUrl, servedModel, apiKeyEnv);
    }

    public static EngineKind parseKind(String kind) {
        try {
            return EngineKind.fromWire(kind);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserFacingException("unknown engine kind '" + kind + "' (vllm, sglang, llamacpp, openai, sim)");
        }
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }
}
