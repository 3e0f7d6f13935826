package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.steps.IngestOptions;
import io.enginebench.pipeline.steps.PipelineSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read run folders and legacy result files into a new warehouse snapshot.")
public final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders, walked recursively.")
    List<String> paths;

    @Mixin
    WarehouseOption warehouse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        IngestOptions options = new IngestOptions(paths);
        try (PipelineSteps steps = PipelineSteps.open(warehouse.path()).withProgress(System.out)) {
            new StepPrinter(spec.commandLine().getOut()).ingested(steps.ingest(options));
        }
        return 0;
    }
}
