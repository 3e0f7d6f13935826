package io.enginebench.loadgen.summary;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns padded to their widest cell; numbers (cells starting with a digit) right-aligned. */
public final class ConsoleTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public ConsoleTable(String... header) { this.header = header; }

    public ConsoleTable row(String... cells) {
        if (cells.length != header.length) throw new IllegalArgumentException("expected " + header.length + " cells");
        rows.add(cells);
        return this;
    }

    public String render() {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) width[i] = header[i].length();
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, false);
        String[] rule = new String[header.length];
        for (int i = 0; i < rule.length; i++) rule[i] = "-".repeat(width[i]);
        line(sb, rule, width, false);
        for (String[] r : rows) line(sb, r, width, true);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width, boolean alignNumbers) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append("  ");
            boolean right = alignNumbers && !cells[i].isEmpty()
                    && (Character.isDigit(cells[i].charAt(0)) || cells[i].equals("-"));
            String pad = " ".repeat(width[i] - cells[i].length());
            sb.append(right ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
        }
        sb.append('\n');
    }
}
