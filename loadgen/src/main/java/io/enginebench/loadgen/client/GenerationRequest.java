package io.enginebench.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What to generate, independent of any engine's wire format; an {@link io.enginebench.loadgen.engine.EngineAdapter}
 * turns it into a request body.
 *
 * @param prompt     the prompt for {@link Endpoint#COMPLETIONS}; null for chat
 * @param messages   the messages for {@link Endpoint#CHAT}; null for completions
 * @param jsonSchema the JSON schema to constrain the output to, or null for free text
 * @param schemaName the schema's name (sent as {@code json_schema.name})
 */
public record GenerationRequest(Endpoint endpoint, String model, String prompt, List<ChatMessage> messages,
                                int maxTokens, double temperature, boolean ignoreEos, JsonNode jsonSchema,
                                String schemaName) {

    public record ChatMessage(String role, String content) {}

    public boolean structured() { return jsonSchema != null; }
}
