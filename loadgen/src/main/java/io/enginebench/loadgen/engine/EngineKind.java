package io.enginebench.loadgen.engine;

import java.util.Locale;

/** Engine families EngineBench knows; each has a small named adapter for its differences. */
public enum EngineKind {
    VLLM(8000), SGLANG(30000), LLAMACPP(8080), OPENAI(443), SIM(8000);

    private final int defaultPort;

    EngineKind(int defaultPort) { this.defaultPort = defaultPort; }

    public int defaultPort() { return defaultPort; }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static EngineKind fromWire(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }
}
