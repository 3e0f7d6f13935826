package io.enginebench.pipeline.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code config_hash}: what a run was configured to do, from {@code runs.scenario_config} (native manifests and legacy
 * files alike store it as JSON text). Two runs are iterations of one cell only when their hashes agree. The hash
 * covers every field of the configuration (requests, levels, rates, max_tokens, prompt pack, arms, warm-up, SLO…)
 * except those that differ between repeats of the same configuration or are outcomes rather than settings.
 */
public final class ConfigHash {
    /** Top-level fields left out: per-repeat values, the repeat count, prose, and the SLO search's answer. */
    public static final Set<String> EXCLUDED = Set.of("seed", "seeds", "iteration", "iterations", "run_id",
            "description", "result");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final int HEX_CHARS = 16;

    static final UserDefinedFunction UDF = functions.udf((UDF1<String, String>) ConfigHash::of, DataTypes.StringType);

    private ConfigHash() {}

    /** The first 16 hex digits of SHA-256 over the canonical (key-sorted) JSON; null when there is no config. */
    public static String of(String scenarioConfigJson) {
        if (scenarioConfigJson == null || scenarioConfigJson.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = CANONICAL.readTree(scenarioConfigJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("runs.scenario_config is not JSON: " + e.getMessage(), e);
        }
        if (node instanceof ObjectNode o) {
            o.remove(EXCLUDED);
        }
        try {
            Object sorted = CANONICAL.treeToValue(node, Object.class);
            byte[] canonical = CANONICAL.writeValueAsString(sorted).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash scenario_config", e);
        }
    }
}
