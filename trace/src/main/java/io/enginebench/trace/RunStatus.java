package io.enginebench.trace;

import java.util.Locale;

/**
 * Life cycle of a run folder. {@code partial} is what {@code bench recover} makes of a journal left by a killed run;
 * {@code aborted} is a run the client ended because the engine stopped answering (the manifest's {@code abort_reason}
 * says why), keeping every request that completed.
 */
public enum RunStatus {
    RUNNING, COMPLETE, PARTIAL, FAILED, ABORTED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() { return name().toLowerCase(Locale.ROOT); }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static RunStatus fromWire(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
}
