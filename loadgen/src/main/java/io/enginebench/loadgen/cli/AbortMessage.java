package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.run.RunResult;
import io.enginebench.trace.RunManifest;

import java.util.List;

/** The one line {@code bench run} prints when an engine outage aborted a run. */
final class AbortMessage {
    private AbortMessage() {}

    static String of(RunResult r) {
        RunManifest m = r.manifest();
        long kept = m.outcomes() == null ? 0 : m.outcomes().values().stream().mapToLong(Long::longValue).sum();
        List<RunManifest.Outage> outages = m.outages() == null ? List.of() : m.outages();
        long notSent = outages.isEmpty() ? 0 : outages.get(outages.size() - 1).requestsNotSent();
        String url = m.engine() == null ? "the engine" : m.engine().baseUrl();
        return "error: " + url + " stopped answering; run " + m.runId() + " aborted (" + m.abortReason() + "): "
                + kept + " completed request(s) kept in " + r.runDir() + ", " + notSent + " not sent";
    }
}
