package io.enginebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench sql} on a local warehouse answers without Spark: a fresh JVM running it loads no Spark or Hadoop
 * class (the picocli wiring, the error handler and the DuckDB engine touch none), which is what keeps it fast.
 */
class SqlStartupTest {
    private static final Pattern SPARK_OR_HADOOP = Pattern.compile("\\] (org\\.apache\\.(spark|hadoop)\\.\\S+)");

    @Test
    void aDuckDbQueryLoadsNoSparkOrHadoopClass(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("out.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                Bench.class.getName(), "sql", "--engine", "duckdb", "--warehouse", tmp.resolve("warehouse").toString(),
                "SELECT 41 + 1 AS answer"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bench sql finished").isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(p.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                .isZero();
        assertThat(lines).contains("answer", "42");
        List<String> loaded = lines.stream().map(SPARK_OR_HADOOP::matcher).filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1)).toList();
        assertThat(loaded).as("Spark or Hadoop classes loaded").isEmpty();
        assertThat(lines.stream().filter(l -> l.contains("org.duckdb.DuckDBDriver"))).isNotEmpty();
    }
}
