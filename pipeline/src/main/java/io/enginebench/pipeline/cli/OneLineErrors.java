package io.enginebench.pipeline.cli;

import io.enginebench.trace.UserFacingException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * How a command's failure reaches the user, for every entry point ({@code bench}, {@code PipelineMain}): one line
 * {@code <command>: <cause>} on stderr and an exit code; the stack trace only when {@code BENCH_DEBUG} is set.
 * An error the user can fix ({@link UserFacingException}, also when a library wrapped it) prints its message and exits
 * {@value #USER_ERROR}; anything else prints its root cause's type and message and exits {@value #FAILURE}.
 */
public final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    public static final int FAILURE = 1;
    public static final int USER_ERROR = 2;
    static final String DEBUG_VARIABLE = "BENCH_DEBUG";

    private final boolean debug;

    OneLineErrors(boolean debug) {
        this.debug = debug;
    }

    /** Stack traces when the environment variable {@code BENCH_DEBUG} is set (to anything). */
    public static OneLineErrors fromEnvironment() {
        return new OneLineErrors(System.getenv(DEBUG_VARIABLE) != null);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        UserFacingException user = userFacing(e);
        String message = user != null ? firstLine(user.getMessage()) : describe(e);
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        if (debug) e.printStackTrace(err);
        err.flush();
        return user != null ? USER_ERROR : FAILURE;
    }

    /** The first {@link UserFacingException} in the cause chain (Spark and thread pools wrap what a step threw). */
    private static UserFacingException userFacing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserFacingException u) return u;
        }
        return null;
    }

    private String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = firstLine(root.getMessage());
        return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg)
                + (debug ? "" : " (set " + DEBUG_VARIABLE + "=1 for the stack trace)");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
