package io.enginebench.pipeline.analysis;

import java.util.List;

/** What {@code bench analyze} was asked for. */
public record AnalysisOptions(List<Slo> slos, EnginePolicy enginePolicy) {
    public AnalysisOptions {
        slos = slos == null || slos.isEmpty() ? List.of(Slo.DEFAULT) : List.copyOf(slos);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(List.of(), EnginePolicy.SPEC_SEPARATE);
    }
}
