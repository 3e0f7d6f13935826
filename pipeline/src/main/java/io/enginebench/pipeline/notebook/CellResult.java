package io.enginebench.pipeline.notebook;

import java.util.List;

/** What running one cell produced: a result table (rows as Java values), or an error message. */
public record CellResult(Cell cell, List<String> columns, List<List<Object>> rows, boolean truncated, String error) {
    public static CellResult notRun(Cell cell) {
        return new CellResult(cell, List.of(), List.of(), false, null);
    }

    public static CellResult failed(Cell cell, String error) {
        return new CellResult(cell, List.of(), List.of(), false, error);
    }

    public boolean failedToRun() {
        return error != null;
    }
}
