package io.enginebench.loadgen.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.enginebench.trace.TraceJson;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides {@code structured_valid}: the output parses as JSON and validates against the schema that was sent.
 * Compiled schemas are cached by identity of the schema node (one per pack schema).
 */
public final class StructuredOutputValidator {
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<JsonNode, Schema> compiled = new ConcurrentHashMap<>();

    public boolean valid(String output, JsonNode schema) {
        if (output == null || output.isBlank()) return false;
        JsonNode parsed;
        try {
            parsed = TraceJson.mapper().reader()
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(output);
        } catch (Exception e) {
            return false;
        }
        if (parsed == null || parsed.isMissingNode()) return false;
        return compiled.computeIfAbsent(schema, registry::getSchema).validate(parsed).isEmpty();
    }
}
