package io.enginebench.loadgen.breaker;

import io.enginebench.loadgen.arrival.Gate;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.RunManifest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Stops the error storm when the engine dies mid-run. After {@link BreakerOptions#failures()} consecutive connection
 * failures it holds every send ({@link #pass()} blocks the arrival process) and polls the engine's health endpoint:
 * when the engine answers again, sending resumes and the outage is kept; when it has not answered within
 * {@link BreakerOptions#engineWait()}, the iteration's {@link LoadControl} is aborted with
 * {@link RunManifest#ENGINE_UNREACHABLE}.
 *
 * <p>Outcomes arrive on the client's threads, {@link #pass()} is called by the one arrival thread of a level,
 * {@link #holding()} from any thread.
 */
public final class CircuitBreaker implements Gate {
    private final BreakerOptions options;
    private final BooleanSupplier healthy;
    private final LoadControl control;
    private final long epochNanos;
    private final Boolean catchUp;
    private final List<RunManifest.Outage> outages = new ArrayList<>();
    private int consecutive;
    private long trippedAt = -1;
    private int trippedBy;
    private long notSent;

    /**
     * @param healthy    the engine's health check (true when it answers 200)
     * @param control    the iteration's control: aborted when the engine does not come back
     * @param epochNanos the run epoch (outage times are offsets from it)
     * @param openLoop   whether the run is open loop (the catch-up choice only applies there)
     */
    public CircuitBreaker(BreakerOptions options, BooleanSupplier healthy, LoadControl control, long epochNanos,
                          boolean openLoop) {
        this.options = options;
        this.healthy = healthy;
        this.control = control;
        this.epochNanos = epochNanos;
        this.catchUp = openLoop ? options.catchUp() : null;
    }

    /** Counts one finished request; trips on the configured run of connection failures. */
    public synchronized void onOutcome(Outcome outcome, Integer httpStatus) {
        if (!options.enabled() || trippedAt >= 0) return;
        // a stream cut after its response began proves only that the engine was there when it began; the streams a
        // dying engine cuts may be reported after the first refusals, so they neither count nor reset the count
        if (outcome == Outcome.STREAM_ERROR && httpStatus != null) return;
        // any other response, even an error, proves the engine is there
        boolean connectionFailure = outcome == Outcome.CONNECT_ERROR || outcome == Outcome.STREAM_ERROR;
        consecutive = connectionFailure ? consecutive + 1 : 0;
        if (consecutive >= options.failures()) {
            trippedAt = System.nanoTime();
            trippedBy = consecutive;
            notSent = 0;
        }
    }

    @Override
    public long pass() throws InterruptedException {
        long tripped;
        synchronized (this) {
            if (trippedAt < 0) return 0;
            tripped = trippedAt;
        }
        long start = System.nanoTime();
        long deadline = tripped + options.engineWait().toNanos();
        while (!control.stopRequested()) {
            if (healthy.getAsBoolean()) {
                close(System.nanoTime());
                return Math.max(1, System.nanoTime() - start);
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                control.abort(RunManifest.ENGINE_UNREACHABLE);
                break;
            }
            Thread.sleep(Math.max(1, Math.min(options.probeInterval().toMillis(), (deadline - now) / 1_000_000)));
        }
        return Math.max(1, System.nanoTime() - start);
    }

    @Override
    public synchronized boolean holding() { return trippedAt >= 0; }

    @Override
    public synchronized void heldBack(long requests) {
        if (trippedAt >= 0) {
            notSent += requests;
        } else if (!outages.isEmpty()) {
            RunManifest.Outage o = outages.remove(outages.size() - 1);
            outages.add(new RunManifest.Outage(o.startNs(), o.endNs(), o.failures(), o.requestsNotSent() + requests,
                    o.catchUp()));
        }
    }

    /** Every outage so far; one still open (the engine never came back) has no end. */
    public synchronized List<RunManifest.Outage> outages() {
        List<RunManifest.Outage> all = new ArrayList<>(outages);
        if (trippedAt >= 0) all.add(new RunManifest.Outage(trippedAt - epochNanos, null, trippedBy, notSent, catchUp));
        return all;
    }

    private synchronized void close(long endNanos) {
        outages.add(new RunManifest.Outage(trippedAt - epochNanos, endNanos - epochNanos, trippedBy, notSent,
                catchUp));
        trippedAt = -1;
        consecutive = 0;
    }
}
