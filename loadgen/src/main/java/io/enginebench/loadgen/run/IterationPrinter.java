package io.enginebench.loadgen.run;

import io.enginebench.loadgen.summary.LevelStats;
import io.enginebench.loadgen.summary.TraceSummary;
import io.enginebench.trace.RunStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The console summary of a finished iteration: where it went, a table of its levels, its outcomes. */
final class IterationPrinter {
    private IterationPrinter() {}

    static void print(PrintStream out, String runId, String scenario, int iteration, RunStatus status, Path dir,
                      List<LevelStats> levels, Map<String, Long> outcomes) {
        out.println("run " + runId + " (" + scenario + ", iteration " + iteration + ", " + status.wire() + ") -> "
                + dir);
        out.print(TraceSummary.table(levels));
        out.print(TraceSummary.outcomesLine(outcomes));
    }
}
