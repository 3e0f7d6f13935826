package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.warehouse.MissingTableHint;

/** The one line a SQL error shows to a user: the missing table's hint when there is one, else Spark's first line. */
public final class ErrorLines {
    private ErrorLines() {}

    public static String of(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return MissingTableHint.forError(message).orElseGet(() -> SqlRunner.firstLine(message));
    }
}
