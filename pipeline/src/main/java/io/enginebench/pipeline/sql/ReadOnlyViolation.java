package io.enginebench.pipeline.sql;

/** A statement that is not a plain read-only query; the message is one line, shown to the SQL user as is. */
public final class ReadOnlyViolation extends SqlError {
    public ReadOnlyViolation(String message) {
        super(message);
    }
}
