package io.enginebench.loadgen.engine;

import io.enginebench.loadgen.client.GenerationRequest;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The non-generation endpoints of an engine, through its adapter. Blocking calls; never used on an event loop. */
public interface EngineApi extends AutoCloseable {
    /** True when the health endpoint answers 200. */
    boolean healthy();

    /** The engine's version as the server reports it ({@code /version}, {@code /get_server_info}, {@code /props}). */
    Optional<String> version();

    /** Token count of {@code text} by the engine's own tokenizer ({@code /tokenize}), if it has one. */
    OptionalInt countTokens(String model, String text);

    /**
     * Token count of a whole chat as the engine renders it (system message, chat template and generation prompt), if
     * the engine can count one: vLLM's {@code /tokenize} with messages, llama.cpp's {@code /apply-template} then
     * {@code /tokenize}.
     */
    default OptionalInt countChatTokens(String model, List<GenerationRequest.ChatMessage> messages) {
        return OptionalInt.empty();
    }

    /** For the built-in simulator: its preset and clock speed-up (from its {@code /version}); empty elsewhere. */
    default Optional<SimulatorSettings> simulatorSettings() { return Optional.empty(); }

    /** @param speed how many times faster than real time the simulator's clock runs */
    record SimulatorSettings(String preset, Double speed) {}

    /** The model ids the server lists at {@code GET /v1/models}; empty when it lists none or cannot be asked. */
    default List<String> models() { return List.of(); }

    @Override
    void close();
}
