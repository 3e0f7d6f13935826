package io.enginebench.loadgen.sim.config;

import io.enginebench.trace.UserFacingException;

import java.util.Locale;

/** Which real engine the simulator imitates on the wire (metric names, error shapes, default port, cache kind). */
public enum Personality {
    VLLM(8000, "vllm"),
    SGLANG(30000, "sglang");

    private final int defaultPort;
    private final String id;

    Personality(int defaultPort, String id) {
        this.defaultPort = defaultPort;
        this.id = id;
    }

    public int defaultPort() { return defaultPort; }

    public String id() { return id; }

    public static Personality parse(String s) {
        for (Personality p : values()) if (p.id.equals(s.toLowerCase(Locale.ROOT))) return p;
        throw new UserFacingException("unknown personality '" + s + "' (use vllm or sglang)");
    }
}
