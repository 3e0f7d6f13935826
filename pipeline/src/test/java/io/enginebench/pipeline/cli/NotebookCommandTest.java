package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.ParquetTestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench notebook} over a warehouse directory in the documented layout (CURRENT, snapshots, derived). */
class NotebookCommandTest {
    @TempDir
    Path tmp;

    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new NotebookCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        return cl.execute(args);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void rendersANotebookFromAWarehouseDirectoryAndExitsNonZeroOnFailedCells(String engine) throws Exception {
        Path wh = ParquetTestWarehouse.root();
        SharedSpark.get(); // --engine spark reuses the test JVM's session
        for (String t : new String[] {"runs", "requests", "chunks", "run_summary"}) {
            SharedSpark.get().catalog().dropTempView(t);   // Spark must read them from the directory
        }
        Path good = Path.of("..", "notebooks", "tpot_by_decode_position.sql");
        StringWriter out = new StringWriter();
        int code = execute(out, new StringWriter(), good.toString(), "--out", tmp.resolve("out").toString(),
                "--warehouse", wh.toString(), "--engine", engine);
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("0 failed");
        // chunks was built from the Parquet requests: the per-position table has rows
        String page = Files.readString(tmp.resolve("out/tpot_by_decode_position.html"));
        assertThat(page).contains("<td class=\"num\">").contains("run as " + (engine.equals("spark") ? "Spark SQL"
                : "DuckDB SQL"));

        Path bad = tmp.resolve("bad.sql");
        Files.writeString(bad, "-- Databricks notebook source\nSELECT nope FROM runs\n");
        int badCode = execute(new StringWriter(), new StringWriter(), bad.toString(), "--out",
                tmp.resolve("out").toString(), "--warehouse", wh.toString(), "--engine", engine);
        assertThat(badCode).isEqualTo(1);
        assertThat(tmp.resolve("out/bad.html")).content().contains("nope");
    }

    @Test
    void aNotebookWrittenForTheOtherEngineIsRefusedWithTheEngineToUse() throws Exception {
        Path sparkOnly = tmp.resolve("spark_only.sql");
        Files.writeString(sparkOnly, "-- Databricks notebook source\n-- engines: spark\n\n-- COMMAND ----------\n"
                + "SELECT try_divide(1, 0) AS x\n");
        StringWriter err = new StringWriter();
        int code = execute(new StringWriter(), err, sparkOnly.toString(), "--out", tmp.resolve("out").toString(),
                "--warehouse", ParquetTestWarehouse.root().toString(), "--engine", "duckdb");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("written for spark", "--engine spark");
        assertThat(tmp.resolve("out/spark_only.html")).doesNotExist();
    }
}
