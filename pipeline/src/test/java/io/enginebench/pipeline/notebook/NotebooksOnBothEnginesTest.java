package io.enginebench.pipeline.notebook;

import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every committed notebook, run on DuckDB and on Spark over the same test warehouse, gives the same answers cell by
 * cell: the same columns, the same number of rows, numbers within 1e-9 relative, NULLs where the other has NULLs.
 * Rows are compared in a canonical order, so ties in a cell's ORDER BY (and the engines' different default NULL
 * ordering) do not count as differences.
 */
class NotebooksOnBothEnginesTest {
    static final double RELATIVE = 1e-9;
    private static QueryEngine duckdb;
    private static QueryEngine spark;

    @BeforeAll
    static void open() {
        duckdb = TestEngines.open(EngineChoice.duckdb);
        spark = TestEngines.open(EngineChoice.spark);
    }

    @AfterAll
    static void close() {
        if (duckdb != null) duckdb.close();
        if (spark != null) spark.close();
    }

    @Test
    void everyCellOfEveryNotebookAnswersTheSameOnBothEngines() throws Exception {
        int compared = 0;
        for (Path file : NotebooksRenderTest.notebooks()) {
            Notebook nb = Notebook.parse(file.getFileName().toString(), Files.readString(file));
            List<CellResult> onDuckDb = new NotebookRunner(duckdb, NotebookRenderer.MAX_ROWS).run(nb);
            List<CellResult> onSpark = new NotebookRunner(spark, NotebookRenderer.MAX_ROWS).run(nb);
            for (int i = 0; i < onDuckDb.size(); i++) {
                CellResult d = onDuckDb.get(i);
                CellResult s = onSpark.get(i);
                String where = file.getFileName() + " cell " + i;
                assertThat(d.error()).as(where + " on duckdb").isNull();
                assertThat(s.error()).as(where + " on spark").isNull();
                if (!(d.cell() instanceof Cell.Sql sql) || !sql.hasStatement()) continue;
                assertSameResult(where, d, s);
                compared++;
            }
        }
        assertThat(compared).as("SQL cells compared").isGreaterThanOrEqualTo(15);
    }

    @Test
    void theComparisonNoticesADifferentNumberANullAndAMissingRow() {
        Cell cell = new Cell.Sql("SELECT 1", "SELECT 1", null);
        CellResult a = new CellResult(cell, List.of("x", "y"), rows(new Object[] {1.0, "a"}, new Object[] {2, null}),
                false, null);
        assertThat(differences(a, new CellResult(cell, List.of("x", "y"),
                rows(new Object[] {new BigDecimal("2"), null}, new Object[] {1L + 1e-12, "a"}), false, null)))
                .isEmpty();
        assertThat(differences(a, new CellResult(cell, List.of("x", "y"),
                rows(new Object[] {1.0 + 1e-6, "a"}, new Object[] {2, null}), false, null))).isNotEmpty();
        assertThat(differences(a, new CellResult(cell, List.of("x", "y"),
                rows(new Object[] {1.0, "a"}, new Object[] {2, "b"}), false, null))).isNotEmpty();
        assertThat(differences(a, new CellResult(cell, List.of("x", "y"), rows(new Object[] {1.0, "a"}), false,
                null))).isNotEmpty();
        assertThat(differences(a, new CellResult(cell, List.of("x", "z"), a.rows(), false, null))).isNotEmpty();
    }

    private static void assertSameResult(String where, CellResult duck, CellResult spark) {
        assertThat(differences(duck, spark)).as(where + ": duckdb " + duck.rows() + " vs spark " + spark.rows())
                .isEmpty();
    }

    /** What differs between two results, one line each; empty when they agree. */
    static List<String> differences(CellResult a, CellResult b) {
        List<String> out = new ArrayList<>();
        if (!a.columns().equals(b.columns())) out.add("columns " + a.columns() + " vs " + b.columns());
        if (a.rows().size() != b.rows().size()) out.add("rows " + a.rows().size() + " vs " + b.rows().size());
        if (!out.isEmpty()) return out;
        List<List<Object>> left = canonical(a.rows());
        List<List<Object>> right = canonical(b.rows());
        for (int r = 0; r < left.size(); r++) {
            for (int c = 0; c < a.columns().size(); c++) {
                Object x = left.get(r).get(c);
                Object y = right.get(r).get(c);
                if (!same(x, y)) out.add("row " + r + " " + a.columns().get(c) + ": " + x + " vs " + y);
            }
        }
        return out;
    }

    private static boolean same(Object x, Object y) {
        if (x == null || y == null) return x == y;
        if (x instanceof Number n && y instanceof Number m) {
            double p = n.doubleValue();
            double q = m.doubleValue();
            return p == q || Math.abs(p - q) <= RELATIVE * Math.max(Math.abs(p), Math.abs(q));
        }
        return x.equals(y);
    }

    /** Rows sorted by their values (numbers by a rounded key, NULLs first), so both engines' rows line up. */
    private static List<List<Object>> canonical(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(NotebooksOnBothEnginesTest::sortKey));
        return sorted;
    }

    private static String sortKey(List<Object> row) {
        StringBuilder key = new StringBuilder();
        for (Object v : row) {
            if (v == null) key.append("\u0000");
            else if (v instanceof Number n) key.append(String.format(Locale.ROOT, "%.6e", n.doubleValue()));
            else key.append(v);
            key.append('\u0001');
        }
        return key.toString();
    }

    private static List<List<Object>> rows(Object[]... rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : rows) out.add(java.util.Arrays.asList(r));
        return out;
    }
}
