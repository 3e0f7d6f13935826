package io.enginebench.trace;

/** Whether a request counts towards statistics. Warm-up requests are recorded but never measured. */
public enum Phase {
    WARMUP, MEASURED;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
