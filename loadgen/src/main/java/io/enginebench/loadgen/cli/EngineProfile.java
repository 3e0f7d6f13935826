package io.enginebench.loadgen.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.run.EngineTarget;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An engine profile ({@code deploy/profiles/*.yaml}): which engine, where, and how to start and stop it.
 *
 * @param apiKeyEnv name of the environment variable holding the API key (never the key itself)
 */
public record EngineProfile(String kind, String variant, String baseUrl, String model, String apiKeyEnv,
                            String startCommand, String stopCommand, String healthPath,
                            Integer startupTimeoutSeconds) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static EngineProfile read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserFacingException("engine profile not found: " + file);
        EngineProfile p;
        try {
            p = YAML.readValue(file.toFile(), EngineProfile.class);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new UserFacingException("engine profile " + file + " is not valid: " + msg);
        }
        if (p == null || p.kind() == null || p.baseUrl() == null || p.model() == null) {
            throw new UserFacingException("engine profile " + file + " needs kind, base_url and model");
        }
        return p;
    }

    public EngineTarget target() {
        return new EngineTarget(parseKind(kind), variant, baseUrl, model, apiKeyEnv);
    }

    static EngineKind parseKind(String kind) {
        try {
            return EngineKind.fromWire(kind);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("unknown engine kind '" + kind + "' (vllm, sglang, llamacpp, openai, sim)");
        }
    }
}
