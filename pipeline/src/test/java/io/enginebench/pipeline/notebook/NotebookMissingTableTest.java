package io.enginebench.pipeline.notebook;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.spark.SparkQueryEngine;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A notebook cell reading a derived table of a warehouse that was ingested but not analysed. */
class NotebookMissingTableTest {
    @Test
    void theCellSaysToRunBenchAnalyze() {
        SparkSession spark = SharedSpark.get();
        spark.catalog().dropTempView("tpot");
        Notebook nb = Notebook.parse("n", Notebook.HEADER + "\nSELECT * FROM tpot\n");
        List<CellResult> results = new NotebookRunner(new SparkQueryEngine(spark), 10).run(nb);
        assertThat(results.get(0).error()).contains("`tpot` is a derived table", "run `bench analyze`");
    }
}
