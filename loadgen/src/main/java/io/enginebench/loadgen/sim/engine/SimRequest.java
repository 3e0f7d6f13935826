package io.enginebench.loadgen.sim.engine;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One generation request inside the engine. Created by the HTTP layer; after {@link EngineCore#submit} only the
 * engine thread touches its mutable fields (except {@link #cancelled}).
 */
public final class SimRequest {
    final long id;
    final int[] prompt;
    /** Tokens to generate before finishing, and why it finishes then ("stop" or "length"). */
    final int target;
    final String targetReason;
    final Supplier<String> output;
    final boolean structured;
    final Consumer<TokenEvent> sink;

    volatile boolean cancelled;
    long arrivalNanos;
    long firstTokenNanos;
    long lastEventNanos;
    int prefillTarget;
    int computed;
    int cached = -1;
    int generated;
    boolean admitted;
    Object kv;

    /**
     * @param output next piece of the completion text (called once per generated token)
     * @param sink   receives the request's events, on the engine thread
     */
    public SimRequest(long id, int[] prompt, int target, String targetReason, Supplier<String> output,
                      boolean structured, Consumer<TokenEvent> sink) {
        if (target < 1) throw new IllegalArgumentException("target must be >= 1");
        this.id = id;
        this.prompt = prompt;
        this.target = target;
        this.targetReason = targetReason;
        this.output = output;
        this.structured = structured;
        this.sink = sink;
    }

    public long id() { return id; }

    /** The client went away: the engine drops the request at its next step and frees its memory. */
    public void cancel() { cancelled = true; }
}
