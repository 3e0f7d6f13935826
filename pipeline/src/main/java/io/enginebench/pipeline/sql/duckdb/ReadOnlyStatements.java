package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.sql.ReadOnlyViolation;
import io.enginebench.pipeline.sql.SqlError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Lets only one read-only query through, judged by DuckDB's own parser before anything runs: its
 * {@code json_serialize_sql} accepts SELECT statements only (with WITH, VALUES, FROM-first, DESCRIBE, SHOW, SUMMARIZE,
 * which DuckDB parses as SELECTs) and refuses COPY, EXPORT, ATTACH, INSTALL, LOAD, CREATE, INSERT, UPDATE, DELETE,
 * SET, PRAGMA, CALL, EXPLAIN … — the same line Spark's check draws: queries only.
 */
final class ReadOnlyStatements {
    /** The parser's verdict, read by DuckDB's JSON functions (a JSON library would double a one-shot's start). */
    private static final String VERDICT = """
            SELECT coalesce(CAST(j->>'error' AS BOOLEAN), false), j->>'error_type', j->>'error_message',
                   coalesce(json_array_length(j->'statements'), 0)
            FROM (SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS JSON) AS j)
            """;

    private ReadOnlyStatements() {}

    /** Throws {@link ReadOnlyViolation} for anything but one query, {@link SqlError} for a syntax error. */
    static void check(Connection connection, String sql) {
        if (sql.isBlank()) throw new ReadOnlyViolation("empty statement");
        boolean error;
        String errorType;
        String errorMessage;
        long statements;
        try (PreparedStatement p = connection.prepareStatement(VERDICT)) {
            p.setString(1, sql);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                error = rs.getBoolean(1);
                errorType = rs.getString(2);
                errorMessage = rs.getString(3);
                statements = rs.getLong(4);
            }
        } catch (SQLException e) {
            throw DuckDbErrors.of(e);
        }
        if (error) {
            if ("not implemented".equals(errorType)) {
                throw new ReadOnlyViolation("read-only endpoint: only queries are allowed (got " + keyword(sql) + ")");
            }
            String line = errorMessage == null ? "" : errorMessage.lines().findFirst().orElse("");
            throw new SqlError("syntax error: " + line + " " + DuckDbErrors.DIALECT_HINT);
        }
        if (statements != 1) throw new ReadOnlyViolation("read-only endpoint: one statement at a time");
    }

    /** The statement's first word, for the refusal (comments skipped). */
    static String keyword(String sql) {
        String s = sql.strip();
        while (s.startsWith("--") || s.startsWith("/*")) {
            int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
            if (end < 0) return "a comment";
            s = s.substring(end + (s.startsWith("--") ? 1 : 2)).strip();
        }
        String word = s.split("[^A-Za-z_]", 2)[0];
        return word.isEmpty() ? "a statement" : word.toUpperCase(Locale.ROOT);
    }
}
