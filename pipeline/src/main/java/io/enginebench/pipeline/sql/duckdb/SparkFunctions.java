package io.enginebench.pipeline.sql.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Spark SQL that the notebooks and docs use, made to run on DuckDB with the same answers by the same definitions
 * (docs/SQL.md, "One dialect"). Aggregates are renamed in the text, since DuckDB macros cannot take {@code FILTER};
 * scalar functions are macros. Only names followed by {@code (} outside quotes and comments are touched.
 */
final class SparkFunctions {
    /**
     * Spark aggregate → DuckDB aggregate of the same definition. {@code percentile}: exact, linearly interpolated =
     * {@code quantile_cont}. {@code percentile_approx}: an element of the data; on DuckDB exactly the lower
     * nearest-rank one ({@code quantile_disc}), on Spark within its accuracy of that rank.
     */
    static final Map<String, String> AGGREGATES = Map.of(
            "percentile", "quantile_cont",
            "percentile_approx", "quantile_disc",
            "approx_percentile", "quantile_disc");

    /** Spark scalar functions DuckDB lacks, defined by Spark's documentation (ANSI mode off, as the sessions run). */
    static final List<String> MACROS = List.of(
            // NULL instead of an error on a zero divisor; '/' is a double division on both engines
            "CREATE MACRO try_divide(a, b) AS CASE WHEN b = 0 THEN NULL ELSE a / b END",
            // an array's length; -1 for NULL (Spark's size with ANSI off)
            "CREATE MACRO size(a) AS CASE WHEN a IS NULL THEN -1 ELSE len(a) END");

    private SparkFunctions() {}

    /** {@code sql} with Spark's aggregates renamed, {@code first(x, true)} as DuckDB's, backticks as double quotes. */
    static String rewrite(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '`') {   // Spark's quoted identifier is DuckDB's "…"
                int end = closing(sql, i, '`');
                String name = sql.substring(i + 1, Math.max(i + 1, end - 1));
                out.append('"').append(name.replace("\"", "\"\"")).append('"');
                i = end;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                int end = nl < 0 ? n : nl;
                out.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                int end = close < 0 ? n : close + 2;
                out.append(sql, i, end);
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) end++;
                i = word(sql, i, end, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Appends the word at [start, end) or its translation; returns where scanning goes on. */
    private static int word(String sql, int start, int end, StringBuilder out) {
        String word = sql.substring(start, end);
        int paren = end;
        while (paren < sql.length() && Character.isWhitespace(sql.charAt(paren))) paren++;
        boolean call = paren < sql.length() && sql.charAt(paren) == '(' && !qualified(sql, start);
        String lower = word.toLowerCase(Locale.ROOT);
        if (call && AGGREGATES.containsKey(lower)) {
            out.append(AGGREGATES.get(lower));
            return end;
        }
        if (call && lower.equals("first")) {   // first(x, true): the first non-NULL value
            int close = closing(sql, paren, ')');
            List<String> args = arguments(sql.substring(paren + 1, close - 1));
            if (args.size() == 2 && args.get(1).strip().equalsIgnoreCase("true")) {
                out.append("any_value(").append(rewrite(args.get(0))).append(')');
                return close;
            }
            if (args.size() == 2 && args.get(1).strip().equalsIgnoreCase("false")) {
                out.append("first(").append(rewrite(args.get(0))).append(')');
                return close;
            }
        }
        out.append(word);
        return end;
    }

    private static boolean qualified(String sql, int start) {
        int p = start - 1;
        while (p >= 0 && Character.isWhitespace(sql.charAt(p))) p--;
        return p >= 0 && sql.charAt(p) == '.';
    }

    /**
     * The index after the character that closes the one at {@code open} (a quote of the same kind, or the {@code )}
     * matching a {@code (}, skipping quoted text); the text's end when it is not closed.
     */
    private static int closing(String sql, int open, char kind) {
        int n = sql.length();
        if (kind != ')') {
            int i = open + 1;
            while (i < n) {
                if (sql.charAt(i) == sql.charAt(open)) {
                    if (i + 1 < n && sql.charAt(i + 1) == sql.charAt(open)) {   // a doubled quote is literal
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return n;
        }
        int depth = 0;
        int i = open;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closing(sql, i, c);
                continue;
            }
            if (c == '(') depth++;
            if (c == ')' && --depth == 0) return i + 1;
            i++;
        }
        return n;
    }

    /** Top-level comma-separated arguments of a call's inside. */
    private static List<String> arguments(String inside) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closing(inside, i, c) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(inside.substring(from, i));
                from = i + 1;
            }
        }
        out.add(inside.substring(from));
        return out;
    }
}
