package io.enginebench.pipeline.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class SqlServerCommandTest {
    @Test
    void defaultsBindLoopback() {
        SqlServerCommand cmd = new SqlServerCommand();
        new CommandLine(cmd).parseArgs();
        assertThat(cmd.bind).isEqualTo("127.0.0.1");
    }

    @Test
    void aNonLoopbackBindWithoutATokenExitsWithOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SqlServerCommand())
                .setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--bind", "0.0.0.0", "--port", "0", "--warehouse", "no-such-warehouse")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("sql-server: sql-server on 0.0.0.0 would be open").contains("--token-env");
    }

    @Test
    void aMissingTokenVariableIsAUserError() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SqlServerCommand())
                .setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--token-env", "BENCH_TEST_UNSET_TOKEN_VARIABLE")).isEqualTo(2);
        assertThat(err.toString()).contains("BENCH_TEST_UNSET_TOKEN_VARIABLE").contains("not set");
    }

    @Test
    void helpNamesTheAccessOptions() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SqlServerCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("--token-env", "--tls-cert", "--tls-key", "--insecure-no-auth");
    }
}
