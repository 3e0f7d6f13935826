package io.enginebench.loadgen.engine;

import io.enginebench.loadgen.client.GenerationRequest;

/**
 * Everything that differs between engines on the request side: body shape (structured-output fields, ignore_eos,
 * stream options), where the tokenizer, version and metrics live. The client code itself knows no engine.
 */
public interface EngineAdapter {
    EngineKind kind();

    /** The JSON body for a streaming request ({@code stream: true}, {@code stream_options.include_usage: true}). */
    byte[] streamingBody(GenerationRequest request);
}
