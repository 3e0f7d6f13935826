package io.enginebench.loadgen.engine;

/** The adapter for each {@link EngineKind}. */
public final class EngineAdapters {
    private EngineAdapters() {}

    public static EngineAdapter forKind(EngineKind kind) {
        return switch (kind) {
            case VLLM -> new VllmAdapter();
            case SGLANG -> new SglangAdapter();
            case LLAMACPP -> new LlamaCppAdapter();
            case OPENAI -> new OpenAiAdapter();
            case SIM -> new SimAdapter();
        };
    }
}
