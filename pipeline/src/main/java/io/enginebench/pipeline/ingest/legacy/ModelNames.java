package io.enginebench.pipeline.ingest.legacy;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Model identity: HF id → its last path segment → a normalised key (the older harness's folder-slug style). */
public final class ModelNames {
    /**
     * Parameter counts in billions for the models of the historical corpus, keyed by {@link #normalise}. Gemma 4 "E"
     * models are listed with their effective size, as the names say.
     */
    private static final Map<String, Double> PARAMS_B = Map.ofEntries(
            Map.entry("gemma-2-2b-it", 2.6), Map.entry("gemma-2-9b-it", 9.2), Map.entry("gemma-3-4b-it", 4.3),
            Map.entry("gemma-4-e2b-it", 2.0), Map.entry("gemma-4-e4b-it", 4.0),
            Map.entry("llama-3-1-8b-instruct", 8.0), Map.entry("llama-3-2-3b-instruct", 3.2),
            Map.entry("qwen2-5-1-5b-instruct", 1.5), Map.entry("qwen2-5-7b-instruct", 7.6), Map.entry("qwen3-8b", 8.2),
            Map.entry("deepseek-r1-distill-llama-8b", 8.0), Map.entry("deepseek-r1-distill-qwen-7b", 7.6),
            Map.entry("granite-3-3-8b-instruct", 8.2), Map.entry("phi-3-mini-4k-instruct", 3.8),
            Map.entry("phi-4-mini-instruct", 3.8), Map.entry("mistral-7b-instruct-v0-3", 7.2),
            Map.entry("smollm3-3b", 3.1));
    private static final Pattern SIZE = Pattern.compile("(?<![a-z0-9.])(\\d+(?:\\.\\d+)?)b(?![a-z])");
    private static final Pattern SIZE_LOOSE = Pattern.compile("(\\d+(?:\\.\\d+)?)b(?![a-z])");

    private ModelNames() {}

    /** The last path segment of an HF id ({@code meta-llama/Llama-3.1-8B-Instruct} → {@code Llama-3.1-8B-Instruct}). */
    public static String tail(String model) {
        if (model == null) return null;
        int i = model.lastIndexOf('/');
        return i < 0 ? model : model.substring(i + 1);
    }

    /** Lower case, {@code .} and {@code _} as {@code -}: {@code Llama-3.1-8B-Instruct} → {@code llama-3-1-8b-instruct}. */
    public static String normalise(String name) {
        if (name == null) return null;
        return tail(name).toLowerCase(Locale.ROOT).replaceAll("[._\\s]+", "-");
    }

    /** Parameters in billions: from the table, else parsed from the name ({@code …-7b-…}), else null. */
    public static Double paramsB(String name) {
        if (name == null) return null;
        String key = normalise(name);
        Double known = PARAMS_B.get(key);
        if (known != null) return known;
        String dotted = tail(name).toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(dotted);
        if (m.find()) return Double.parseDouble(m.group(1));
        m = SIZE_LOOSE.matcher(dotted);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }
}
