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
                      List<LevelStats> levels, Map<String, Long> outcomes, List<RunManifest.Outage> outages,
                      RunManifest.ClientSelfCheck selfCheck) {
        out.println("run " + runId + " (" + scenario + ", iteration " + iteration + ", " + status.wire() + ") -> "
                + dir);
        out.print(TraceSummary.table(levels));
        out.print(TraceSummary.outcomesLine(outcomes));
        handOffLine(out, selfCheck);
        // only a run the engine left gets this line; every other summary reads as before
        for (RunManifest.Outage o : outages == null ? List.<RunManifest.Outage>of() : outages) {
            out.printf(Locale.ROOT, "engine outage at +%.1f s: %s, %d request(s) held back%n", o.startNs() / 1e9,
                    o.resumed() ? String.format(Locale.ROOT, "back after %.1f s", (o.endNs() - o.startNs()) / 1e9)
                            : "never came back", o.requestsNotSent());
        }
    }

    /** Closed-loop levels only: how soon a freed slot carried the next request (docs/METRICS.md, "validity"). */
    private static void handOffLine(PrintStream out, RunManifest.ClientSelfCheck selfCheck) {
        if (selfCheck == null || selfCheck.levels() == null) return;
        StringBuilder line = new StringBuilder();
        for (RunManifest.LevelCheck l : selfCheck.levels()) {
            if (l.handOffCount() == null || l.handOffCount() == 0) continue;
            line.append(line.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s p50 %.3f / p99 %.3f ms",
                    l.level(), l.handOffP50Ms(), l.handOffP99Ms()));
        }
        if (line.length() > 0) out.println("client hand-off (slot freed -> next request written): " + line);
    }
}
