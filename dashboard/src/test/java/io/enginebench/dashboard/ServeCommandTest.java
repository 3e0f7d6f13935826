package io.enginebench.dashboard;

import io.enginebench.pipeline.cli.OneLineErrors;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeCommandTest {
    @Test
    void defaultsBindLoopbackOnPort3000() {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs();
        assertThat(cmd.bind).isEqualTo("127.0.0.1");
        assertThat(cmd.port).isEqualTo(3000);
        assertThat(cmd.results).isEqualTo(Path.of("raw-results"));
        assertThat(cmd.warehouse).isEqualTo(Path.of("warehouse"));
        assertThat(cmd.reports).isEqualTo(Path.of("reports"));
    }

    @Test
    void helpListsEveryOptionAndABadPortIsAUserError() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--bind", "--results", "--warehouse", "--reports",
                "--token-env", "--tls-cert", "--tls-key", "--insecure-no-auth", "--allowed-origin");

        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--port", "70000");
        assertThatThrownBy(cmd::call).isInstanceOf(UserFacingException.class).hasMessageContaining("--port");
    }

    @Test
    void aNonLoopbackBindWithoutATokenIsRefusedWithOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand()).setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--bind", "0.0.0.0", "--port", "0")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("serve: serve on 0.0.0.0 would be open to anyone").contains("--token-env");
    }

    @Test
    void aBadAllowedOriginIsAUserError() {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--port", "0", "--allowed-origin", "evil.example/path");
        assertThatThrownBy(cmd::call).isInstanceOf(UserFacingException.class).hasMessageContaining("--allowed-origin");
    }
}
