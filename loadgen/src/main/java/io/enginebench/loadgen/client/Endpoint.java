package io.enginebench.loadgen.client;

/** The two OpenAI-compatible generation endpoints. */
public enum Endpoint {
    COMPLETIONS("/v1/completions", "completions"),
    CHAT("/v1/chat/completions", "chat");

    private final String path;
    private final String wire;

    Endpoint(String path, String wire) {
        this.path = path;
        this.wire = wire;
    }

    public String path() { return path; }

    /** The value stored in the trace's {@code endpoint} column. */
    public String wire() { return wire; }
}
