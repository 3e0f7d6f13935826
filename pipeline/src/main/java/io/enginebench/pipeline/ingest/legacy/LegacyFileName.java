package io.enginebench.pipeline.ingest.legacy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names of the older harness: {@code <scenario>_<engine token>_<unix seconds>.json}. Scenario names contain
 * underscores and digits ({@code decode_length_sweep_1024_vllm_1776633632.json}), so the engine token is matched
 * from a closed vocabulary and the scenario is the shortest prefix that lets the rest match.
 */
public record LegacyFileName(String scenario, String engineToken, long unixSeconds) {
    private static final Pattern RESULT = Pattern.compile(
            "^([a-z][a-z0-9_]*?)_(VLLMClient|SGLangClient|(?:vllm|sglang|llamacpp|openai)(?:-[a-z0-9]+)*)_(\\d{9,11})\\.json$");
    private static final Pattern MATRIX_MANIFEST = Pattern.compile("^matrix_manifest_\\d+\\.json$");

    public static Optional<LegacyFileName> parse(String fileName) {
        Matcher m = RESULT.matcher(fileName);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new LegacyFileName(m.group(1), m.group(2), Long.parseLong(m.group(3))));
    }

    public static boolean isMatrixManifest(String fileName) { return MATRIX_MANIFEST.matcher(fileName).matches(); }
}
