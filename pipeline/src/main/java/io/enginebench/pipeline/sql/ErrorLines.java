package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.warehouse.MissingTableHint;

/**
 * The one line a SQL error shows to a user: a {@link SqlError}'s own message, else the missing table's hint when there
 * is one, else the engine's first line.
 */
public final class ErrorLines {
    private ErrorLines() {}

    public static String of(Throwable e) {
        if (e instanceof SqlError && e.getMessage() != null) return e.getMessage();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return MissingTableHint.forError(message).orElseGet(() -> SqlRunner.firstLine(message));
    }
}
