package io.enginebench.pipeline.sql;

/**
 * A statement the engine could not run (syntax, unknown table or column, wrong function): the message is the one
 * line to show the user, already naming the missing table's command or the dialect to use where that helps.
 */
public class SqlError extends RuntimeException {
    public SqlError(String message) {
        super(message);
    }

    public SqlError(String message, Throwable cause) {
        super(message, cause);
    }
}
