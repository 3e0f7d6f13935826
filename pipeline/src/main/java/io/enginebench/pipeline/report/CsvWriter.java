package io.enginebench.pipeline.report;

import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a table as RFC 4180 CSV with full-precision, locale-independent values (for tracing numbers back). */
final class CsvWriter {
    private CsvWriter() {}

    static void write(Table t, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(line(t.columnNames()));
            for (int i = 0; i < t.rowCount(); i++) {
                java.util.List<String> cells = new java.util.ArrayList<>();
                for (String c : t.columnNames()) {
                    Object v = t.column(c).isMissing(i) ? null : t.column(c).get(i);
                    cells.add(v == null ? "" : v.toString());
                }
                w.write(line(cells));
            }
        }
    }

    private static String line(java.util.List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.append("\r\n").toString();
    }
}
