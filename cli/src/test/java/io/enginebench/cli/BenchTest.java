package io.enginebench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTest {
    @Test
    void unknownSubcommandIsAOneLineUsageError() {
        CommandLine cl = Bench.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("no-such-command");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-command");
    }

    @Test
    void versionNamesTheProject() {
        CommandLine cl = Bench.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("EngineBench ");
    }

    @Test
    void aNamedSubcommandIsWiredAloneAndEverythingElseSeesAll() {
        assertThat(Bench.commandLine("sql").getSubcommands().keySet()).containsExactlyInAnyOrder("sql", "help");
        int all = Bench.commandLine().getSubcommands().size();
        assertThat(all).isGreaterThan(10);
        assertThat(Bench.commandLine("--help").getSubcommands()).hasSize(all);
        assertThat(Bench.commandLine("sqll").getSubcommands()).hasSize(all);
        assertThat(Bench.commandLine("ingest").getSubcommands().keySet()).containsExactlyInAnyOrder("ingest", "help");
    }
}
