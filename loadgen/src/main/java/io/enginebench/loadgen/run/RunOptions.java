package io.enginebench.loadgen.run;

import io.enginebench.loadgen.breaker.BreakerOptions;

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
 */
public record RunOptions(Path outputDir, String hardware, boolean quiet, String matrixId, double clientBoundLagMs,
                         Duration requestTimeout, Duration idleTimeout, int firstIteration, BreakerOptions breaker) {
    /** The default of {@code clientBoundLagMs}, in ms (a string for the command-line default). */
    public static final String DEFAULT_CLIENT_BOUND_LAG_MS = "5.0";

    public RunOptions(Path outputDir, String hardware, boolean quiet, String matrixId, double clientBoundLagMs,
                      Duration requestTimeout, Duration idleTimeout, int firstIteration) {
        this(outputDir, hardware, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout, firstIteration,
                BreakerOptions.OFF);
    }

    public static RunOptions defaults(Path outputDir) {
        return new RunOptions(outputDir, null, true, null, Double.parseDouble(DEFAULT_CLIENT_BOUND_LAG_MS), Duration.ofMinutes(10), Duration.ofSeconds(120), 1);
    }

    public RunOptions withBreaker(BreakerOptions b) {
        return new RunOptions(outputDir, hardware, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout,
                firstIteration, b);
    }

    public RunOptions withHardware(String h) {
        return new RunOptions(outputDir, h, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout, firstIteration,
                breaker);
    }

    public RunOptions withQuiet(boolean q) {
        return new RunOptions(outputDir, hardware, q, matrixId, clientBoundLagMs, requestTimeout, idleTimeout, firstIteration,
                breaker);
    }

    /** Per-request deadline (from the send) and longest silence within a response. */
    public RunOptions withTimeouts(Duration request, Duration idle) {
        return new RunOptions(outputDir, hardware, quiet, matrixId, clientBoundLagMs, request, idle, firstIteration, breaker);
    }

    /** Runs belong to matrix {@code id}; the first iteration gets number {@code first}. */
    public RunOptions inMatrix(String id, int first) {
        return new RunOptions(outputDir, hardware, quiet, id, clientBoundLagMs, requestTimeout, idleTimeout, first, breaker);
    }
}
