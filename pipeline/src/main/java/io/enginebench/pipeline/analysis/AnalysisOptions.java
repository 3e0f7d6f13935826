package io.enginebench.pipeline.analysis;

import java.util.List;
import java.util.Objects;

/**
 * What {@code bench analyze} was asked for: the goodput SLOs ({@link Slo#DEFAULT} when none) and how engines are
 * grouped. Start from {@link #defaults()} and change what differs.
 */
public record AnalysisOptions(List<Slo> slos, EnginePolicy enginePolicy) {
    public AnalysisOptions {
        slos = slos == null || slos.isEmpty() ? List.of(Slo.DEFAULT) : List.copyOf(slos);
        Objects.requireNonNull(enginePolicy, "enginePolicy");
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(List.of(), EnginePolicy.SPEC_SEPARATE);
    }

    public AnalysisOptions withSlos(List<Slo> goodputSlos) { return new AnalysisOptions(goodputSlos, enginePolicy); }

    public AnalysisOptions withEnginePolicy(EnginePolicy policy) { return new AnalysisOptions(slos, policy); }
}
