package io.enginebench.loadgen.run;

import io.enginebench.loadgen.summary.LevelStats;
import io.enginebench.loadgen.summary.TraceSummary;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console summary of a finished iteration: where it went, a table of its levels, its outcomes, its outages. */
final class IterationPrinter {
    private IterationPrinter() {}

    static void print(PrintStream out, String runId, String scenario, int iteration, RunStatus status, Path dir,
                      List<LevelStats> levels, Map<String, Long> outcomes, List<RunManifest.Outage> outages) {
        out.println("run " + runId + " (" + scenario + ", iteration " + iteration + ", " + status.wire() + ") -> "
                + dir);
        out.print(TraceSummary.table(levels));
        out.print(TraceSummary.outcomesLine(outcomes));
        // only a run the engine left gets this line; every other summary reads as before
        for (RunManifest.Outage o : outages == null ? List.<RunManifest.Outage>of() : outages) {
            out.printf(Locale.ROOT, "engine outage at +%.1f s: %s, %d request(s) held back%n", o.startNs() / 1e9,
                    o.resumed() ? String.format(Locale.ROOT, "back after %.1f s", (o.endNs() - o.startNs()) / 1e9)
                            : "never came back", o.requestsNotSent());
        }
    }
}
