package io.enginebench.pipeline.cli;

import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class OneLineErrorsTest {
    @Command(name = "tool")
    static final class Root implements Runnable {
        @Override public void run() { }
    }

    @Command(name = "step")
    static final class Failing implements Callable<Integer> {
        private final Exception failure;

        Failing(Exception failure) { this.failure = failure; }

        @Override public Integer call() throws Exception { throw failure; }
    }

    private record Outcome(int code, String err) {}

    private static Outcome run(Exception failure, boolean debug) {
        CommandLine cl = new CommandLine(new Root()).addSubcommand(new Failing(failure));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(new OneLineErrors(debug));
        return new Outcome(cl.execute("step"), err.toString());
    }

    @Test
    void aUserErrorIsItsMessageOnOneLineAndExitCodeTwo() {
        Outcome o = run(new UserFacingException("no warehouse at /x\n(second line)"), false);
        assertThat(o.code()).isEqualTo(OneLineErrors.USER_ERROR).isEqualTo(2);
        assertThat(o.err()).isEqualTo("tool step: no warehouse at /x" + System.lineSeparator());
    }

    @Test
    void aWrappedUserErrorIsStillTheUsersToFix() {
        Outcome o = run(new ExecutionException(new IllegalStateException("job failed",
                new UserFacingException("bad --filter 'x'"))), false);
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().lines()).containsExactly("tool step: bad --filter 'x'");
    }

    @Test
    void anyOtherFailureNamesItsRootCauseOnOneLineAndExitCodeOne() {
        Outcome o = run(new IllegalStateException("outer", new java.io.IOException("disk full\nat block 7")), false);
        assertThat(o.code()).isEqualTo(OneLineErrors.FAILURE).isEqualTo(1);
        assertThat(o.err().lines()).containsExactly(
                "tool step: IOException: disk full (set BENCH_DEBUG=1 for the stack trace)");
        assertThat(o.err()).doesNotContain("\tat ");
    }

    @Test
    void withBenchDebugTheStackTraceFollowsTheLine() {
        Outcome o = run(new IllegalStateException("boom"), true);
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err().lines().findFirst()).hasValue("tool step: IllegalStateException: boom");
        assertThat(o.err()).contains("\tat ", OneLineErrorsTest.class.getName());

        Outcome user = run(new UserFacingException("no such notebook: x.sql"), true);
        assertThat(user.code()).isEqualTo(2);
        assertThat(user.err().lines().findFirst()).hasValue("tool step: no such notebook: x.sql");
        assertThat(user.err()).contains("\tat ");
    }
}
