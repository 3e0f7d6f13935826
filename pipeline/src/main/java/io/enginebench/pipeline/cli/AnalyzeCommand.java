package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.steps.PipelineSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code bench analyze}: computes every derived table of docs/DERIVED_TABLES.md and writes them to the warehouse. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Compute the derived analysis tables (summaries, CIs, goodput, winners, legacy views).")
public final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Mixin
    AnalysisFlags flags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AnalysisOptions options = flags.options();
        try (PipelineSteps steps = PipelineSteps.open(warehouse.path())) {
            new StepPrinter(spec.commandLine().getOut()).analyzed(steps.analyze(options), flags.timings());
        }
        return 0;
    }
}
