package io.enginebench.pipeline.notebook;

import io.enginebench.pipeline.sql.ErrorLines;
import io.enginebench.pipeline.sql.spark.PlainColumns;
import io.enginebench.pipeline.sql.spark.ReadOnlyQueries;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every cell of a notebook in order, read-only. A failing cell is recorded with its one-line error and the run
 * goes on, so one page shows everything that works and everything that does not.
 */
public final class NotebookRunner {
    private final ReadOnlyQueries queries;
    private final int maxRows;

    /** {@code maxRows}: rows kept per cell (charts use them all, tables show fewer). */
    public NotebookRunner(ReadOnlyQueries queries, int maxRows) {
        this.queries = queries;
        this.maxRows = maxRows;
    }

    public List<CellResult> run(Notebook notebook) {
        List<CellResult> results = new ArrayList<>();
        for (Cell cell : notebook.cells()) results.add(run(cell));
        return results;
    }

    private CellResult run(Cell cell) {
        if (!(cell instanceof Cell.Sql sql) || !sql.hasStatement()) return CellResult.notRun(cell);
        try {
            Dataset<Row> df = PlainColumns.of(queries.query(sql.statement()));
            List<String> columns = new ArrayList<>();
            for (StructField f : df.schema().fields()) columns.add(f.name());
            if (sql.chart() != null) {
                for (String c : chartColumns(sql.chart())) {
                    if (!columns.contains(c)) {
                        return CellResult.failed(cell, "chart column '" + c + "' is not in the result " + columns);
                    }
                }
            }
            List<Row> collected = df.limit(maxRows + 1).collectAsList();
            List<List<Object>> rows = new ArrayList<>();
            for (Row r : collected.subList(0, Math.min(maxRows, collected.size()))) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) values.add(r.isNullAt(i) ? null : r.get(i));
                rows.add(values);
            }
            return new CellResult(cell, columns, rows, collected.size() > maxRows, null);
        } catch (Exception e) { // Spark throws its checked AnalysisException undeclared
            return CellResult.failed(cell, ErrorLines.of(e));
        }
    }

    private static List<String> chartColumns(ChartSpec chart) {
        List<String> cols = new ArrayList<>(List.of(chart.x(), chart.y()));
        if (chart.color() != null) cols.add(chart.color());
        return cols;
    }
}
