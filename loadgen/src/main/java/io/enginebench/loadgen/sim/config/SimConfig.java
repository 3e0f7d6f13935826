package io.enginebench.loadgen.sim.config;

import io.enginebench.trace.UserFacingException;

/**
 * Everything a simulator instance needs. {@code port} 0 picks a free port; {@code speed} divides every simulated
 * duration (speed 10 runs the same schedule ten times faster on the real clock).
 *
 * @param apiKey when non-null, every {@code /v1/…} request must carry {@code Authorization: Bearer <apiKey>} (else
 *               401), as vLLM's {@code --api-key} does; never printed ({@link #toString()} redacts it)
 */
public record SimConfig(Personality personality, String bind, int port, ModelPreset preset, double speed,
                        SpecConfig spec, long seed, String modelName, FaultConfig faults, String apiKey) {
    public static final long DEFAULT_SEED = 42;

    public SimConfig {
        if (!(speed > 0)) throw new UserFacingException("--speed must be > 0, got " + speed);
        if (port < 0 || port > 65535) throw new UserFacingException("--port must be 0..65535, got " + port);
        if (modelName == null || modelName.isBlank()) modelName = preset.modelName();
    }

    /** Defaults: loopback, port 0, seed 42, no speculation, no faults. */
    public static SimConfig of(Personality personality, ModelPreset preset) {
        return new SimConfig(personality, "127.0.0.1", 0, preset, 1.0, SpecConfig.NONE, DEFAULT_SEED, null, FaultConfig.NONE, null);
    }

    public SimConfig withPort(int p) { return new SimConfig(personality, bind, p, preset, speed, spec, seed, modelName, faults, apiKey); }

    public SimConfig withSpeed(double s) { return new SimConfig(personality, bind, port, preset, s, spec, seed, modelName, faults, apiKey); }

    public SimConfig withSpec(SpecConfig s) { return new SimConfig(personality, bind, port, preset, speed, s, seed, modelName, faults, apiKey); }

    public SimConfig withSeed(long s) { return new SimConfig(personality, bind, port, preset, speed, spec, s, modelName, faults, apiKey); }

    public SimConfig withFaults(FaultConfig f) { return new SimConfig(personality, bind, port, preset, speed, spec, seed, modelName, f, apiKey); }

    /** Requires this bearer token on {@code /v1/…} requests; null for none. */
    public SimConfig withApiKey(String key) {
        return new SimConfig(personality, bind, port, preset, speed, spec, seed, modelName, faults, key);
    }

    @Override
    public String toString() {
        return "SimConfig[personality=" + personality + ", bind=" + bind + ", port=" + port + ", preset=" + preset
                + ", speed=" + speed + ", spec=" + spec + ", seed=" + seed + ", modelName=" + modelName + ", faults="
                + faults + ", apiKey=" + (apiKey == null ? "none" : "(set)") + "]";
    }
}
