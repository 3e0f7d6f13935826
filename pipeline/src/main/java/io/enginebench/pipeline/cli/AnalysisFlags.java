package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.analysis.EnginePolicy;
import io.enginebench.pipeline.analysis.Slo;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The flags of {@code bench analyze}, shared by the commands that analyse ({@code analyze}, {@code reprocess}). */
public final class AnalysisFlags {
    @Option(names = "--slo", paramLabel = "TTFT_MS:TPOT_MS[:E2E_MS]",
            description = "goodput SLO, repeatable (default 200:50)")
    List<String> slos = new ArrayList<>();

    @Option(names = "--legacy-merge-spec",
            description = "merge speculative-decoding variants into their base engine (the older harness's view)")
    boolean legacyMergeSpec;

    @Option(names = "--timings", description = "print the seconds each derived table took (computing and writing)")
    boolean timings;

    /** The flags as options; a malformed {@code --slo} is a one-line user error. */
    public AnalysisOptions options() {
        return AnalysisOptions.defaults().withSlos(slos.stream().map(Slo::parse).toList())
                .withEnginePolicy(legacyMergeSpec ? EnginePolicy.LEGACY_MERGE_SPEC : EnginePolicy.SPEC_SEPARATE);
    }

    public boolean timings() { return timings; }
}
