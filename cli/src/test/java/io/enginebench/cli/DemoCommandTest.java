package io.enginebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, end to end in one JVM, on a reduced plan: simulators → runs → warehouse → report. */
class DemoCommandTest {
    @Test
    void demoProducesRunsAWarehouseAndADatedReport(@TempDir Path tmp) throws Exception {
        CommandLine cl = Bench.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--scenarios", "single_request_latency,prefix_sharing_benefit",
                "--output", tmp.resolve("raw").toString(), "--warehouse", tmp.resolve("wh").toString(),
                "--reports", tmp.resolve("reports").toString(), "--date", "2026-11-28", "--speed", "20");
        assertThat(code).as(err.toString()).isZero();

        Path demoRuns;
        try (Stream<Path> s = Files.list(tmp.resolve("raw"))) {
            demoRuns = s.filter(p -> p.getFileName().toString().startsWith("demo-")).findFirst().orElseThrow();
        }
        try (Stream<Path> s = Files.list(demoRuns)) {
            // 2 presets × (2 scenarios × 2 engines + 1 scenario on the ngram variant) × 2 iterations
            assertThat(s.filter(p -> Files.exists(p.resolve("requests.parquet"))).count()).isEqualTo(20);
        }
        Path report = tmp.resolve("reports/2026-11-28/final_report.md");
        String md = Files.readString(report);
        assertThat(md).contains("simulated engine", "sim-vllm", "sim-sglang", "prefix");
        assertThat(tmp.resolve("reports/2026-11-28/final_report.html")).exists();
        assertThat(Files.readString(tmp.resolve("reports/index.html"))).contains("2026-11-28");
        assertThat(tmp.resolve("wh/derived-csv/winners.csv")).exists();
    }
}
