package io.enginebench.loadgen.engine;

import io.enginebench.loadgen.client.GenerationRequest;

import java.util.List;
import java.util.Optional;

/**
 * Everything that differs between engines on the request side: body shape (structured-output fields, ignore_eos,
 * stream options), where the tokenizer, version and metrics live. The client code itself knows no engine.
 */
public interface EngineAdapter {
    EngineKind kind();

    /** The JSON body for a streaming request ({@code stream: true}, {@code stream_options.include_usage: true}). */
    byte[] streamingBody(GenerationRequest request);

    /** GET path answering 200 when the engine can serve. */
    default String healthPath() { return "/health"; }

    /** Where the engine reports its version, or empty when it does not. */
    default Optional<VersionSource> versionSource() { return Optional.empty(); }

    /** The {@code POST /tokenize} body for counting {@code text}'s tokens, or empty when the engine has no tokenizer endpoint. */
    default Optional<byte[]> tokenizeBody(String model, String text) { return Optional.empty(); }

    /**
     * The {@code POST /tokenize} body counting a whole chat as the engine renders it (chat template, generation prompt
     * included), or empty when the engine's tokenizer takes text only.
     */
    default Optional<byte[]> chatTokenizeBody(String model, List<GenerationRequest.ChatMessage> messages) {
        return Optional.empty();
    }

    /**
     * The {@code POST /apply-template} body rendering a chat to its prompt text (llama.cpp), to be counted with
     * {@link #tokenizeBody}; empty when the engine has no such endpoint.
     */
    default Optional<byte[]> applyTemplateBody(List<GenerationRequest.ChatMessage> messages) { return Optional.empty(); }

    /** Prometheus text endpoint. */
    default String metricsPath() { return "/metrics"; }

    /** True when the engine has SGLang's {@code /get_server_info} with live numeric state worth sampling. */
    default boolean hasServerInfo() { return false; }

    /**
     * @param path  GET path
     * @param field top-level JSON string field holding the version
     */
    record VersionSource(String path, String field) {}
}
