package io.enginebench.pipeline.notebook;

import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotebookParseTest {
    private static final String TEXT = """
            -- Databricks notebook source
            -- MAGIC %md
            -- MAGIC # Title here
            -- MAGIC
            -- MAGIC Some *text*.

            -- COMMAND ----------

            -- chart: line x=a y=b color=c title="A vs B"
            SELECT 1 AS a, 2 AS b, 'x' AS c;

            -- COMMAND ----------

            -- only a comment

            -- COMMAND ----------

            -- MAGIC %python
            -- MAGIC print(1)
            """;

    @Test
    void splitsCellsAndReadsMarkdownChartsAndMagic() {
        Notebook nb = Notebook.parse("demo", TEXT);
        assertThat(nb.title()).isEqualTo("Title here");
        assertThat(nb.cells()).hasSize(4);
        assertThat(nb.cells().get(0)).isEqualTo(new Cell.Markdown("# Title here\n\nSome *text*."));
        Cell.Sql sql = (Cell.Sql) nb.cells().get(1);
        assertThat(sql.statement()).isEqualTo("SELECT 1 AS a, 2 AS b, 'x' AS c;");
        assertThat(sql.source()).startsWith("-- chart: line");
        assertThat(sql.chart()).isEqualTo(new ChartSpec("line", "a", "b", "c", "A vs B"));
        assertThat(sql.hasStatement()).isTrue();
        assertThat(((Cell.Sql) nb.cells().get(2)).hasStatement()).isFalse();
        assertThat(nb.cells().get(3)).isInstanceOf(Cell.Skipped.class);
        assertThat(((Cell.Skipped) nb.cells().get(3)).magic()).isEqualTo("%python");
    }

    @Test
    void theEnginesLineUnderTheHeaderNamesTheEnginesAndIsNoCell() {
        Notebook both = Notebook.parse("b", Notebook.HEADER + "\n-- engines: duckdb, Spark\n\n" + Notebook.SEPARATOR
                + "\nSELECT 1\n");
        assertThat(both.engines()).containsExactly("duckdb", "spark");
        assertThat(both.cells()).hasSize(1);
        assertThat(both.runsOn("spark")).isTrue();
        Notebook sparkOnly = Notebook.parse("s", Notebook.HEADER + "\n-- engines: spark\nSELECT 1\n");
        assertThat(sparkOnly.runsOn("duckdb")).isFalse();
        assertThat(sparkOnly.cells()).singleElement().isInstanceOf(Cell.Sql.class);
        assertThat(Notebook.parse("n", TEXT).engines()).isEmpty();
        assertThat(Notebook.parse("n", TEXT).runsOn("duckdb")).isTrue();
    }

    @Test
    void everyCommittedNotebookSaysItRunsOnBothEngines() throws Exception {
        for (java.nio.file.Path file : NotebooksRenderTest.notebooks()) {
            Notebook nb = Notebook.parse(file.getFileName().toString(), java.nio.file.Files.readString(file));
            assertThat(nb.engines()).as(file.toString()).containsExactlyInAnyOrder("duckdb", "spark");
        }
    }

    @Test
    void refusesFilesThatAreNotNotebooksAndBadCharts() {
        assertThatThrownBy(() -> Notebook.parse("x", "SELECT 1")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("-- Databricks notebook source");
        assertThatThrownBy(() -> ChartSpec.parse("-- chart: pie x=a y=b")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("line, bar or scatter");
        assertThatThrownBy(() -> ChartSpec.parse("-- chart: bar x=a")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("y=COLUMN");
    }
}
