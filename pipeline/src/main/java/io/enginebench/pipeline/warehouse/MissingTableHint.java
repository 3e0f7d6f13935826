package io.enginebench.pipeline.warehouse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an engine's "table or view not found" (Spark's or DuckDB's) about a table of the registry into the command that creates it: a derived
 * table comes from {@code bench analyze}, a base table or view from {@code bench ingest}. A new user reading a
 * notebook or a report before analysing otherwise sees only Spark's error class.
 */
public final class MissingTableHint {
    private static final Pattern NOT_FOUND =
            Pattern.compile("TABLE_OR_VIEW_NOT_FOUND\\].*?`(?:[^`]*`\\.`)*([^`]+)`", Pattern.DOTALL);
    private static final Pattern DUCKDB_NOT_FOUND = Pattern.compile("Table with name \"?([^\"\\s!]+)\"? does not exist");

    private MissingTableHint() {}

    /** The hint for an engine's error message, when it is about a missing table of the registry. */
    public static Optional<String> forError(String engineMessage) {
        if (engineMessage == null) return Optional.empty();
        for (Pattern p : new Pattern[] {NOT_FOUND, DUCKDB_NOT_FOUND}) {
            Matcher m = p.matcher(engineMessage);
            if (m.find()) return WarehouseTable.byName(m.group(1)).map(MissingTableHint::forTable);
        }
        return Optional.empty();
    }

    /** What to run to get {@code table} into the warehouse. */
    public static String forTable(WarehouseTable table) {
        if (table.kind() == WarehouseTable.Kind.DERIVED) {
            return "`" + table.tableName() + "` is a derived table and this warehouse has not been analysed: "
                    + "run `bench analyze` to create it";
        }
        return "`" + table.tableName() + "` is not in this warehouse: run `bench ingest` first";
    }
}
