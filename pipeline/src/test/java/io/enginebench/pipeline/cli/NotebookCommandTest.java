package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.TestWarehouse;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench notebook} over a warehouse directory in the documented layout (CURRENT, snapshots, derived). */
class NotebookCommandTest {
    @TempDir
    Path tmp;

    private Path writeWarehouse() throws Exception {
        SparkSession spark = SharedSpark.get();
        new TestWarehouse().register(spark);
        Path wh = tmp.resolve("warehouse");
        for (String t : List.of("runs", "requests", "engine_metrics", "data_quality", "quarantine")) {
            spark.table(t).write().parquet(wh.resolve("snapshots/s1/" + t).toString());
        }
        for (String t : List.of("run_summary", "prefix_cache", "data_quality_summary")) {
            spark.table(t).write().parquet(wh.resolve("derived/" + t).toString());
        }
        Files.writeString(wh.resolve("CURRENT"), "s1\n");
        for (String t : List.of("runs", "requests", "chunks", "run_summary")) spark.catalog().dropTempView(t);
        return wh;
    }

    @Test
    void rendersANotebookFromAWarehouseDirectoryAndExitsNonZeroOnFailedCells() throws Exception {
        Path wh = writeWarehouse();
        Path good = Path.of("..", "notebooks", "tpot_by_decode_position.sql");
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new NotebookCommand()).setOut(new PrintWriter(out));
        int code = cl.execute(good.toString(), "--out", tmp.resolve("out").toString(), "--warehouse", wh.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("0 failed");
        // chunks was rebuilt from the Parquet requests: the per-position table has rows
        assertThat(Files.readString(tmp.resolve("out/tpot_by_decode_position.html"))).contains("<td class=\"num\">");

        Path bad = tmp.resolve("bad.sql");
        Files.writeString(bad, "-- Databricks notebook source\nSELECT nope FROM runs\n");
        int badCode = new CommandLine(new NotebookCommand()).setOut(new PrintWriter(new StringWriter()))
                .execute(bad.toString(), "--out", tmp.resolve("out").toString(), "--warehouse", wh.toString());
        assertThat(badCode).isEqualTo(1);
        assertThat(tmp.resolve("out/bad.html")).content().contains("nope");
    }
}
