package io.enginebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReprocessCommandTest {
    @Test
    void ingestsAnalyzesAndReportsInOneProcess(@TempDir Path tmp) {
        Path legacy = Path.of("../pipeline/src/test/resources/legacy").toAbsolutePath().normalize();
        Path wh = tmp.resolve("wh");
        Path reports = tmp.resolve("reports");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Bench.commandLine();
            code = cl.execute("reprocess", legacy.toString(), "--warehouse", wh.toString(), "--out",
                    reports.toString(), "--date", "2026-01-02");
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("ingest: found", "run_summary", "reprocess: ingest");
        assertThat(wh.resolve("CURRENT")).exists();
        assertThat(wh.resolve("derived/run_summary")).isDirectory();
        assertThat(reports.resolve("2026-01-02/final_report.html")).exists();
        assertThat(reports.resolve("index.html")).exists();
    }

    @Test
    void aFailedStepStopsWithAOneLineError(@TempDir Path tmp) {
        CommandLine cl = Bench.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("reprocess", tmp.resolve("missing").toString(), "--warehouse", tmp.resolve("wh").toString());
        assertThat(code).isNotZero();
        assertThat(err.toString().lines()).singleElement().asString().startsWith("bench reprocess: ");
        assertThat(Files.exists(tmp.resolve("reports"))).isFalse();
    }

    @Test
    void aBadOptionStopsItBeforeTheFirstStep(@TempDir Path tmp) {
        Path legacy = Path.of("../pipeline/src/test/resources/legacy").toAbsolutePath().normalize();
        CommandLine cl = Bench.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("reprocess", legacy.toString(), "--warehouse", tmp.resolve("wh").toString(),
                "--date", "2026-13-01");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "bench reprocess: report: --date must be YYYY-MM-DD, got '2026-13-01'");
        assertThat(tmp.resolve("wh")).as("nothing ingested").doesNotExist();
    }
}
