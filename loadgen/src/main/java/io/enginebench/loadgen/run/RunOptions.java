package io.enginebench.loadgen.run;

import io.enginebench.loadgen.breaker.BreakerOptions;
import io.enginebench.loadgen.client.SelfWarmup;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run, independent of the scenario.
 *
 * @param hardware           label for the manifest; null asks {@code nvidia-smi -L}
 * @param clientBoundLagMs   lag-probe p99 above which the run is marked client_bound (docs/METRICS.md, "validity")
 * @param requestTimeout     deadline per request
 * @param idleTimeout        longest silence within a stream
 * @param firstIteration     number of the first iteration run (a matrix runs iteration 3 of a cell on its own)
 * @param breaker            when to stop sending to an engine that no longer answers ({@link BreakerOptions#OFF}
 *                           unless the caller asks; the commands turn it on)
 * @param clientWarmup       whether the client warms its own hot path before the first measured request
 *                           ({@link SelfWarmup}; on unless asked not to)
 */
public record RunOptions(Path outputDir, String hardware, boolean quiet, String matrixId, double clientBoundLagMs,
                         Duration requestTimeout, Duration idleTimeout, int firstIteration, BreakerOptions breaker,
                         SelfWarmup.Mode clientWarmup) {
    /** The default of {@code clientBoundLagMs}, in ms (a string for the command-line default). */
    public static final String DEFAULT_CLIENT_BOUND_LAG_MS = "5.0";

    public RunOptions(Path outputDir, String hardware, boolean quiet, String matrixId, double clientBoundLagMs,
                      Duration requestTimeout, Duration idleTimeout, int firstIteration) {
        this(outputDir, hardware, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout, firstIteration,
                BreakerOptions.OFF, SelfWarmup.Mode.AUTO);
    }

    public RunOptions {
        if (clientWarmup == null) clientWarmup = SelfWarmup.Mode.AUTO;
    }

    public static RunOptions defaults(Path outputDir) {
        return new RunOptions(outputDir, null, true, null, Double.parseDouble(DEFAULT_CLIENT_BOUND_LAG_MS), Duration.ofMinutes(10), Duration.ofSeconds(120), 1);
    }

    public RunOptions withBreaker(BreakerOptions b) {
        return new RunOptions(outputDir, hardware, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout,
                firstIteration, b, clientWarmup);
    }

    public RunOptions withHardware(String h) {
        return new RunOptions(outputDir, h, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout, firstIteration,
                breaker, clientWarmup);
    }

    public RunOptions withQuiet(boolean q) {
        return new RunOptions(outputDir, hardware, q, matrixId, clientBoundLagMs, requestTimeout, idleTimeout, firstIteration,
                breaker, clientWarmup);
    }

    /** Per-request deadline (from the send) and longest silence within a response. */
    public RunOptions withTimeouts(Duration request, Duration idle) {
        return new RunOptions(outputDir, hardware, quiet, matrixId, clientBoundLagMs, request, idle, firstIteration, breaker,
                clientWarmup);
    }

    /** Runs belong to matrix {@code id}; the first iteration gets number {@code first}. */
    public RunOptions inMatrix(String id, int first) {
        return new RunOptions(outputDir, hardware, quiet, id, clientBoundLagMs, requestTimeout, idleTimeout, first, breaker,
                clientWarmup);
    }

    /** Whether the client warms up before the first measured request. */
    public RunOptions withClientWarmup(SelfWarmup.Mode mode) {
        return new RunOptions(outputDir, hardware, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout,
                firstIteration, breaker, mode);
    }
}
