package io.enginebench.loadgen.run;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run, independent of the scenario.
 *
 * @param hardware           label for the manifest; null asks {@code nvidia-smi -L}
 * @param clientBoundLagMs   schedule-lag p99 above which the run is marked client_bound
 * @param requestTimeout     deadline per request
 * @param idleTimeout        longest silence within a stream
 */
public record RunOptions(Path outputDir, String hardware, boolean quiet, String matrixId, double clientBoundLagMs,
                         Duration requestTimeout, Duration idleTimeout) {

    public static RunOptions defaults(Path outputDir) {
        return new RunOptions(outputDir, null, true, null, 1.0, Duration.ofMinutes(10), Duration.ofSeconds(120));
    }

    public RunOptions withHardware(String h) {
        return new RunOptions(outputDir, h, quiet, matrixId, clientBoundLagMs, requestTimeout, idleTimeout);
    }

    public RunOptions withQuiet(boolean q) {
        return new RunOptions(outputDir, hardware, q, matrixId, clientBoundLagMs, requestTimeout, idleTimeout);
    }
}
