package io.enginebench.loadgen.engine;

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

    @Override
    void close();
}
