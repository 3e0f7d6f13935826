package io.enginebench.pipeline.sql.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.pipeline.sql.ReadOnlyViolation;
import io.enginebench.pipeline.sql.SqlError;

import java.io.IOException;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadOnlyStatements() {}

    /** Throws {@link ReadOnlyViolation} for anything but one query, {@link SqlError} for a syntax error. */
    static void check(Connection connection, String sql) {
        if (sql.isBlank()) throw new ReadOnlyViolation("empty statement");
        JsonNode parsed;
        try (PreparedStatement p = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            p.setString(1, sql);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                parsed = JSON.readTree(rs.getString(1));
            }
        } catch (SQLException e) {
            throw DuckDbErrors.of(e);
        } catch (IOException e) {
            throw new IllegalStateException("DuckDB's parser answered no JSON", e);
        }
        if (parsed.path("error").asBoolean(false)) {
            if (parsed.path("error_type").asText().equals("not implemented")) {
                throw new ReadOnlyViolation("read-only endpoint: only queries are allowed (got " + keyword(sql) + ")");
            }
            throw new SqlError("syntax error: " + parsed.path("error_message").asText().lines().findFirst().orElse("")
                    + " " + DuckDbErrors.DIALECT_HINT);
        }
        if (parsed.path("statements").size() != 1) {
            throw new ReadOnlyViolation("read-only endpoint: one statement at a time");
        }
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
