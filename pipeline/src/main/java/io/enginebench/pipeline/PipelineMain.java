package io.enginebench.pipeline;

import io.enginebench.pipeline.cli.OneLineErrors;
import io.enginebench.pipeline.cli.PipelineCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point for {@code spark-submit --class io.enginebench.pipeline.PipelineMain pipeline-all.jar ingest …}: the
 * pipeline commands only, on the cluster's SparkSession.
 */
@Command(name = "bench-pipeline", mixinStandardHelpOptions = true,
        description = "EngineBench pipeline commands (for spark-submit).")
public final class PipelineMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) System.exit(code);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PipelineMain());
        PipelineCommands.all().forEach(cl::addSubcommand);
        cl.setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        return cl;
    }
}
