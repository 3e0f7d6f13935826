package io.enginebench.pipeline.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Prints a query result as an aligned table, CSV or JSON lines: at most {@code limit} rows, or with
 * {@link #printAll} every row (the machine formats are exports: a silent cut would lose rows).
 */
public final class ResultPrinter {
    public enum Format {
        table, csv, json;

        /** The table is for reading on a terminal; csv and json are for export. */
        public boolean isMachineReadable() {
            return this != table;
        }
    }

    /** How many rows the table format shows when no limit is given. */
    public static final int DEFAULT_TABLE_ROWS = 100;

    /** Made on first use: the table and CSV formats should not pay for Jackson's start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private ResultPrinter() {}

    public static void print(QueryResult result, Format format, int limit, PrintWriter out) {
        String[] cols = result.columnNames().toArray(new String[0]);
        List<Object[]> rows = result.firstRows(limit + 1);
        boolean truncated = rows.size() > limit;
        if (truncated) rows = rows.subList(0, limit);
        switch (format) {
            case table -> table(cols, rows, out);
            case csv -> csv(cols, rows.iterator(), out);
            case json -> json(cols, rows.iterator(), out);
        }
        if (truncated && format == Format.table) {
            out.printf("(showing the first %d rows; use --limit to see more)%n", limit);
        } else if (format == Format.table) {
            out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
        }
        out.flush();
    }

    /** Every row, streamed as the engine reads them (CSV or JSON; the table format needs a limit). */
    public static void printAll(QueryResult result, Format format, PrintWriter out) {
        if (!format.isMachineReadable()) {
            print(result, format, DEFAULT_TABLE_ROWS, out);
            return;
        }
        String[] cols = result.columnNames().toArray(new String[0]);
        if (format == Format.csv) csv(cols, result.rows(), out);
        else json(cols, result.rows(), out);
        out.flush();
    }

    private static String cell(Object[] r, int i) {
        Object v = r[i];
        if (v == null) return "NULL";
        if (v instanceof Double d) return String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+(e|$)", "$1");
        return String.valueOf(v);
    }

    private static void table(String[] cols, List<Object[]> rows, PrintWriter out) {
        int[] w = new int[cols.length];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) w[i] = cols[i].length();
        for (Object[] r : rows) {
            String[] c = new String[cols.length];
            for (int i = 0; i < cols.length; i++) {
                c[i] = cell(r, i);
                w[i] = Math.max(w[i], c[i].length());
            }
            cells.add(c);
        }
        out.println(line(cols, w));
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < w.length; i++) sep.append(i > 0 ? "-+-" : "").append("-".repeat(w[i]));
        out.println(sep);
        for (String[] c : cells) out.println(line(c, w));
    }

    private static String line(String[] c, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            if (i > 0) sb.append(" | ");
            sb.append(c[i]).append(" ".repeat(w[i] - c[i].length()));
        }
        return sb.toString().stripTrailing();
    }

    private static void csv(String[] cols, Iterator<Object[]> rows, PrintWriter out) {
        out.println(String.join(",", java.util.Arrays.stream(cols).map(ResultPrinter::quote).toList()));
        while (rows.hasNext()) {
            Object[] r = rows.next();
            List<String> c = new ArrayList<>();
            for (int i = 0; i < cols.length; i++) c.add(r[i] == null ? "" : quote(String.valueOf(r[i])));
            out.println(String.join(",", c));
        }
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    private static void json(String[] cols, Iterator<Object[]> rows, PrintWriter out) {
        while (rows.hasNext()) {
            Object[] r = rows.next();
            ObjectNode o = Json.MAPPER.createObjectNode();
            for (int i = 0; i < cols.length; i++) o.set(cols[i], Json.MAPPER.valueToTree(r[i] == null ? null : toJava(r[i])));
            out.println(o.toString());
        }
    }

    private static Object toJava(Object v) {
        if (v instanceof java.sql.Timestamp t) return t.toInstant().toString();
        if (v instanceof java.sql.Date d) return d.toString();
        return v;
    }
}
