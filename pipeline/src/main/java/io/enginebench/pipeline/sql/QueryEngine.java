package io.enginebench.pipeline.sql;

import java.util.List;

/**
 * Read-only SQL over the warehouse's views ({@code runs}, {@code requests}, {@code chunks}, … and the derived
 * tables), whatever engine answers: the one interface of {@code bench sql}, its shell, notebooks and the Flight SQL
 * endpoint. Every statement is checked first: only a single query passes, anything else is a
 * {@link ReadOnlyViolation}; a query the engine cannot run is a {@link SqlError}. Both carry a one-line message for
 * the user.
 */
public interface QueryEngine extends AutoCloseable {
    /** The engine's short name as {@code --engine} takes it ({@link EngineChoice}). */
    String name();

    /** The SQL dialect it speaks, for banners, {@code --help} and errors ("DuckDB SQL", "Spark SQL"). */
    String dialect();

    /** Runs one read-only statement (trailing {@code ;} allowed). */
    default QueryResult query(String sql) {
        return query(sql, new Object[0]);
    }

    /** The same, with values for the statement's {@code ?} parameters, in order. */
    QueryResult query(String sql, Object[] parameters);

    /**
     * The columns {@code sql} returns, learnt without running it (checked as {@link #query} checks it): what a client
     * that describes a statement before it executes it needs. {@code parameters} as for {@link #query}; an engine
     * that does not need them to type the result ignores them.
     */
    List<ResultColumn> columns(String sql, Object[] parameters);

    /** The tables and views it offers, sorted by name. */
    List<String> tableNames();

    /** The columns of one table or view; a {@link SqlError} when there is no such table. */
    List<ColumnInfo> describe(String table);

    /** Releases the engine (a session it did not start is left running). */
    @Override
    void close();
}
