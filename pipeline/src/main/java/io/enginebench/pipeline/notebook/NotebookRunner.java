package io.enginebench.pipeline.notebook;

import io.enginebench.pipeline.sql.ErrorLines;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every cell of a notebook in order, read-only, on one {@link QueryEngine}. A failing cell is recorded with its
 * one-line error and the run goes on, so one page shows everything that works and everything that does not.
 */
public final class NotebookRunner {
    private final QueryEngine engine;
    private final int maxRows;

    /** {@code maxRows}: rows kept per cell (charts use them all, tables show fewer). */
    public NotebookRunner(QueryEngine engine, int maxRows) {
        this.engine = engine;
        this.maxRows = maxRows;
    }

    public List<CellResult> run(Notebook notebook) {
        List<CellResult> results = new ArrayList<>();
        for (Cell cell : notebook.cells()) results.add(run(cell));
        return results;
    }

    private CellResult run(Cell cell) {
        if (!(cell instanceof Cell.Sql sql) || !sql.hasStatement()) return CellResult.notRun(cell);
        try (QueryResult result = engine.query(sql.statement())) {
            List<String> columns = result.columnNames();
            if (sql.chart() != null) {
                for (String c : chartColumns(sql.chart())) {
                    if (!columns.contains(c)) {
                        return CellResult.failed(cell, "chart column '" + c + "' is not in the result " + columns);
                    }
                }
            }
            List<Object[]> collected = result.firstRows(maxRows + 1);
            List<List<Object>> rows = new ArrayList<>();
            for (Object[] r : collected.subList(0, Math.min(maxRows, collected.size()))) {
                rows.add(Arrays.asList(r));   // keeps SQL NULLs, which List.of would refuse
            }
            return new CellResult(cell, columns, rows, collected.size() > maxRows, null);
        } catch (RuntimeException e) {
            return CellResult.failed(cell, ErrorLines.of(e));
        }
    }

    private static List<String> chartColumns(ChartSpec chart) {
        List<String> cols = new ArrayList<>(List.of(chart.x(), chart.y()));
        if (chart.color() != null) cols.add(chart.color());
        return cols;
    }
}
