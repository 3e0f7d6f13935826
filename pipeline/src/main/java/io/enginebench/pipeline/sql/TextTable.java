package io.enginebench.pipeline.sql;

import java.util.ArrayList;
import java.util.List;

/** A query result as an aligned plain-text table for terminals, with at most {@code maxRows} rows shown. */
public final class TextTable {
    private TextTable() {}

    public static String render(QueryResult result, int maxRows) {
        List<Object[]> rows = result.firstRows(maxRows + 1);
        List<String> header = result.columnNames();
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < Math.min(rows.size(), maxRows); r++) {
            List<String> line = new ArrayList<>();
            Object[] row = rows.get(r);
            for (int c = 0; c < header.size(); c++) line.add(row[c] == null ? "NULL" : oneLine(row[c]));
            cells.add(line);
        }
        return format(header, cells) + footer(cells.size(), rows.size() > maxRows);
    }

    public static String format(List<String> header, List<List<String>> cells) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> line : cells) width[c] = Math.max(width[c], line.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, width);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        out.append(rule).append('\n');
        for (List<String> line : cells) appendLine(out, line, width);
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> values, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            if (c > 0) line.append(" | ");
            line.append(values.get(c)).append(" ".repeat(width[c] - values.get(c).length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String footer(int shown, boolean truncated) {
        return truncated ? "(first " + shown + " rows shown)\n" : "(" + shown + (shown == 1 ? " row)\n" : " rows)\n");
    }

    private static String oneLine(Object value) {
        return value.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
