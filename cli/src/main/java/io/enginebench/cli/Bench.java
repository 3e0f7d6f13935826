package io.enginebench.cli;

import io.enginebench.loadgen.cli.LoadgenCommands;
import io.enginebench.pipeline.cli.OneLineErrors;
import io.enginebench.pipeline.cli.PipelineCommands;
import io.enginebench.trace.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The one {@code bench} entry point. Subcommands come from the modules ({@link LoadgenCommands},
 * {@link PipelineCommands}) plus the commands that span both (demo). Failures print as one line
 * ({@link OneLineErrors}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Bench.Version.class,
        description = "EngineBench: benchmark OpenAI-compatible LLM engines and analyse the results.",
        subcommands = CommandLine.HelpCommand.class)
public final class Bench implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /** Builds the full command tree; tests drive it directly. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for a command line starting with {@code first}: when that names a subcommand, only that one is
     * wired (picocli reads every registered command's options up front, most of a quick command's start, e.g.
     * {@code bench sql} on DuckDB); otherwise, for help and for a misspelt name, all of them.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Bench());
        List<Object> subcommands = new ArrayList<>();
        subcommands.addAll(LoadgenCommands.all());
        subcommands.addAll(PipelineCommands.all());
        subcommands.addAll(CliCommands.all());
        List<Object> named = subcommands.stream().filter(c -> first != null && first.equals(name(c))).toList();
        (named.size() == 1 ? named : subcommands).forEach(cl::addSubcommand);
        cl.setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        return cl;
    }

    private static String name(Object command) {
        Command c = command.getClass().getAnnotation(Command.class);
        return c == null ? "" : c.name();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.current();
            return new String[] {"EngineBench " + b.version() + " (commit " + b.gitCommit() + ")"};
        }
    }
}
