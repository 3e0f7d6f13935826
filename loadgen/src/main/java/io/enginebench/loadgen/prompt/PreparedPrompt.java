package io.enginebench.loadgen.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.loadgen.client.GenerationRequest.ChatMessage;
import io.enginebench.trace.PromptRecord;
import io.enginebench.trace.TraceJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A prompt ready to send: final text (built to its token target), the schema when structured, and its SHA-256, the key
 * into {@code prompts.parquet}.
 *
 * @param maxTokens the record's own max_tokens, or null
 */
public record PreparedPrompt(String id, String category, Endpoint endpoint, String prompt, List<ChatMessage> messages,
                             Integer maxTokens, String schemaName, JsonNode schema, String text, String sha256) {

    public static PreparedPrompt of(String id, String category, Endpoint endpoint, String prompt,
                                    List<ChatMessage> messages, Integer maxTokens, String schemaName, JsonNode schema) {
        String text;
        try {
            text = endpoint == Endpoint.CHAT ? TraceJson.mapper().writeValueAsString(messages) : prompt;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new PreparedPrompt(id, category, endpoint, prompt, messages, maxTokens, schemaName, schema, text,
                sha256(text));
    }

    public PromptRecord toRecord() { return new PromptRecord(sha256, id, endpoint.wire(), text); }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
