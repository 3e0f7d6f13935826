package io.enginebench.loadgen.engine;

/**
 * The engine a run measures.
 *
 * @param variant   e.g. {@code vllm-eagle3}; defaults to the kind
 * @param apiKeyEnv name of the environment variable holding the API key, or null (the key itself is never stored)
 */
public record EngineTarget(EngineKind kind, String variant, String baseUrl, String model, String apiKeyEnv) {
    public EngineTarget {
        if (variant == null || variant.isBlank()) variant = kind.wire();
        while (baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
}
