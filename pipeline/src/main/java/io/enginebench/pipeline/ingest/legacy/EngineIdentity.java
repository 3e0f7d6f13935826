package io.enginebench.pipeline.ingest.legacy;

/**
 * Which engine a legacy file measured: {@code run_metadata.engine_variant} when present, else the file name's
 * engine token, else {@code engine_name} ({@code VLLMClient} → {@code vllm}, {@code SGLangClient} → {@code sglang}).
 *
 * @param engine     the family compared ({@code vllm}, {@code sglang}, …)
 * @param variant    e.g. {@code vllm-ngram}; equals engine for the baseline
 * @param specMethod null for the baseline, else the speculative-decoding method ({@code ngram}, {@code eagle3})
 */
public record EngineIdentity(String engine, String variant, String specMethod) {

    public static EngineIdentity of(String metadataVariant, String metadataSpecMethod, String fileToken,
                                    String engineName) {
        String variant = firstNonBlank(metadataVariant, clientToVariant(fileToken), clientToVariant(engineName));
        if (variant == null) return new EngineIdentity(null, null, blankToNull(metadataSpecMethod));
        int dash = variant.indexOf('-');
        String engine = dash < 0 ? variant : variant.substring(0, dash);
        String spec = blankToNull(metadataSpecMethod);
        if (spec == null && dash >= 0) spec = variant.substring(dash + 1);
        return new EngineIdentity(engine, variant, spec);
    }

    static String clientToVariant(String token) {
        if (token == null || token.isBlank()) return null;
        return switch (token) {
            case "VLLMClient" -> "vllm";
            case "SGLangClient" -> "sglang";
            default -> token;
        };
    }

    private static String firstNonBlank(String... s) {
        for (String x : s) if (x != null && !x.isBlank()) return x;
        return null;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
