package io.enginebench.pipeline.sql;

import io.enginebench.trace.UserFacingException;

import java.util.Iterator;
import java.util.List;

/** Runs SQL statements on a {@link QueryEngine}; SQL errors become one-line user errors. */
public final class SqlRunner {
    private SqlRunner() {}

    /**
     * Runs every statement in order (each read to its end, so each one's errors show) and returns the last one's
     * result, still to be read.
     */
    public static QueryResult run(QueryEngine engine, List<String> statements) {
        if (statements.isEmpty()) throw new UserFacingException("sql: no statement given");
        for (int i = 0; i < statements.size() - 1; i++) {
            try (QueryResult r = query(engine, statements.get(i))) {
                for (Iterator<Object[]> it = r.rows(); it.hasNext(); ) it.next();
            }
        }
        return query(engine, statements.get(statements.size() - 1));
    }

    private static QueryResult query(QueryEngine engine, String statement) {
        try {
            return engine.query(statement);
        } catch (SqlError e) {
            throw new UserFacingException("sql: " + e.getMessage(), e);
        }
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
