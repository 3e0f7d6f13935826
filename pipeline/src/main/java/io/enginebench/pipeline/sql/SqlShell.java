package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Interactive read-only SQL over the warehouse views: line editing and a history file (JLine), statements may span
 * lines and end with {@code ;}, {@code \d} lists tables (with their descriptions from
 * {@link WarehouseTable}), {@code \d NAME} describes one, {@code \q} quits. Errors
 * print as one line and the shell goes on.
 */
public final class SqlShell {
    public static final String HISTORY_FILE = ".enginebench_sql_history";
    static final String PROMPT = "sql> ";
    static final String CONTINUATION = "  -> ";

    private final QueryEngine engine;
    private final Terminal terminal;
    private final Path historyFile;
    private final int maxRows;

    public SqlShell(QueryEngine engine, Terminal terminal, Path historyFile, int maxRows) {
        this.engine = engine;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.maxRows = maxRows;
    }

    /** The shell on the process's terminal, history in {@code ~/.enginebench_sql_history}; returns when the user quits. */
    public static void interactive(QueryEngine engine) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Path history = Path.of(System.getProperty("user.home"), HISTORY_FILE);
            new SqlShell(engine, terminal, history, 1000).run();
        }
    }

    public void run() {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("bench-sql")
                .variable(LineReader.HISTORY_FILE, historyFile)
                .completer(new StringsCompleter(engine.tableNames()))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL, not history expansion
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)   // indented continuation lines are kept
                .build();
        PrintWriter out = terminal.writer();
        out.println(banner(engine));
        StringBuilder statement = new StringBuilder();
        while (true) {
            String line;
            try {
                line = reader.readLine(statement.length() == 0 ? PROMPT : CONTINUATION);
            } catch (UserInterruptException e) {
                statement.setLength(0); // Ctrl-C drops the statement being typed
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            String trimmed = line.strip();
            if (statement.length() == 0 && trimmed.startsWith("\\")) {
                if (trimmed.equals("\\q")) break;
                meta(trimmed, out);
                continue;
            }
            if (trimmed.isEmpty() && statement.length() == 0) continue;
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                execute(statement.toString(), out);
                statement.setLength(0);
            }
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("warning: history not saved: " + e.getMessage());
        }
        out.flush();
    }

    private void execute(String sql, PrintWriter out) {
        try (QueryResult result = engine.query(sql)) {
            out.print(TextTable.render(result, maxRows));
        } catch (Exception e) {
            out.println("ERROR: " + ErrorLines.of(e));
        }
        out.flush();
    }

    private void meta(String command, PrintWriter out) {
        String[] parts = command.split("\\s+", 2);
        try {
            if (!parts[0].equals("\\d")) {
                out.println("ERROR: unknown command " + parts[0] + " (\\d, \\d NAME, \\q)");
            } else if (parts.length == 1) {
                List<List<String>> rows = new ArrayList<>();
                for (String t : engine.tableNames()) {
                    rows.add(List.of(t, WarehouseTable.byName(t).map(WarehouseTable::description).orElse("")));
                }
                out.print(TextTable.format(List.of("table", "description"), rows));
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (ColumnInfo c : engine.describe(parts[1].strip())) {
                    rows.add(List.of(c.name(), c.type(), c.nullable() ? "yes" : "no"));
                }
                out.print(TextTable.format(List.of("column", "type", "nullable"), rows));
            }
        } catch (Exception e) {
            out.println("ERROR: " + ErrorLines.of(e));
        }
        out.flush();
    }

    /** The first line of the shell: what it is, the dialect it speaks, how to use it. */
    static String banner(QueryEngine engine) {
        return "Read-only " + engine.dialect() + " over the warehouse (engine: " + engine.name()
                + "). End statements with ';'.  \\d tables, \\d NAME columns, \\q quit.";
    }
}
