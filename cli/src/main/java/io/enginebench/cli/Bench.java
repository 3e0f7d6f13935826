package io.enginebench.cli;

import io.enginebench.loadgen.cli.LoadgenCommands;
import io.enginebench.pipeline.cli.PipelineCommands;
import io.enginebench.trace.BuildInfo;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The one {@code bench} entry point. Subcommands come from the modules ({@link LoadgenCommands},
 * {@link PipelineCommands}) plus the commands that span both (demo). Errors the user can fix print as one line.
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
        System.exit(commandLine().execute(args));
    }

    /** Builds the full command tree; tests drive it directly. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Bench());
        List<Object> subcommands = new ArrayList<>();
        subcommands.addAll(LoadgenCommands.all());
        subcommands.addAll(PipelineCommands.all());
        subcommands.addAll(CliCommands.all());
        subcommands.forEach(cl::addSubcommand);
        cl.setExecutionExceptionHandler(Bench::oneLineError);
        return cl;
    }

    /** User errors print their message; anything else prints its type and message, never a stack trace. */
    private static int oneLineError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String message = e instanceof UserFacingException ? e.getMessage() : describe(e);
        err.println("bench " + cmd.getCommandName() + ": " + message);
        if (System.getenv("BENCH_DEBUG") != null) e.printStackTrace(err);
        err.flush();
        return e instanceof UserFacingException ? 2 : 1;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg)
                + " (set BENCH_DEBUG=1 for the stack trace)";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.current();
            return new String[] {"EngineBench " + b.version() + " (commit " + b.gitCommit() + ")"};
        }
    }
}
