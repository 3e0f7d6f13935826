package io.enginebench.pipeline.quality;

import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;

import java.util.List;
import java.util.Locale;

/**
 * Runs the engine died under: aborted ({@link Rules#RUN_ABORTED}) or resumed after an outage
 * ({@link Rules#ENGINE_OUTAGE}). Their numbers mix a healthy engine with a dead or restarting one, so both are left
 * out of comparisons and the headline; their completed requests stay in {@code requests}.
 */
public final class OutageRules {
    private OutageRules() {}

    /** The finding of a run with an abort or an outage in its manifest; none for any other run. */
    public static List<Finding> of(RunManifest m, String sourcePath) {
        List<RunManifest.Outage> outages = m.outages() == null ? List.of() : m.outages();
        long notSent = outages.stream().mapToLong(RunManifest.Outage::requestsNotSent).sum();
        if (m.status() == RunStatus.ABORTED) {
            String at = outages.isEmpty() ? "" : " at +" + seconds(outages.get(outages.size() - 1).startNs()) + " s";
            return List.of(new Finding(m.runId(), sourcePath, Rules.RUN_ABORTED, Finding.ERROR,
                    "run aborted (" + m.abortReason() + "): the engine stopped answering" + at + " and did not come "
                            + "back; " + notSent + " request(s) not sent; left out of comparisons and the headline"));
        }
        if (outages.isEmpty()) return List.of();
        double down = outages.stream().filter(RunManifest.Outage::resumed)
                .mapToDouble(o -> (o.endNs() - o.startNs()) / 1e9).sum();
        Boolean catchUp = outages.get(0).catchUp();
        return List.of(new Finding(m.runId(), sourcePath, Rules.ENGINE_OUTAGE, Finding.WARNING,
                "the engine stopped answering " + outages.size() + " time(s), " + String.format(Locale.ROOT, "%.1f", down)
                        + " s in total; " + notSent + " request(s) held back"
                        + (catchUp == null ? "" : catchUp ? ", sent at once on return" : ", schedule shifted")
                        + "; left out of comparisons and the headline"));
    }

    private static String seconds(long ns) { return String.format(Locale.ROOT, "%.1f", ns / 1e9); }
}
