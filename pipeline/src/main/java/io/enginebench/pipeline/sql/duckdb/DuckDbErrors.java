package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.pipeline.sql.SqlError;
import io.enginebench.pipeline.warehouse.MissingTableHint;

import java.sql.SQLException;
import java.util.regex.Pattern;

/** DuckDB's errors as the one line a user sees: a missing table names its command, a Spark-only construct its engine. */
final class DuckDbErrors {
    /** Errors that Spark SQL text typically meets on DuckDB: its syntax, or a function DuckDB does not have. */
    private static final Pattern DIALECT = Pattern.compile(
            "^(Parser Error|syntax error)|Function with name \\S+ does not exist", Pattern.CASE_INSENSITIVE);

    static final String DIALECT_HINT = "(" + EngineChoice.DUCKDB_DIALECT + "; run with --engine spark for "
            + EngineChoice.SPARK_DIALECT + ")";

    private DuckDbErrors() {}

    static SqlError of(SQLException e) {
        return new SqlError(line(e.getMessage()), e);
    }

    /** The user's line for a DuckDB message. */
    static String line(String message) {
        String m = message == null ? "" : message;
        return MissingTableHint.forError(m).orElseGet(() -> {
            String first = m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("DuckDB error");
            return DIALECT.matcher(first).find() ? first + " " + DIALECT_HINT : first;
        });
    }
}
