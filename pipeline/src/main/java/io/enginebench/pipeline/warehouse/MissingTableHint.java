package io.enginebench.pipeline.warehouse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Spark's "table or view not found" about a table of the registry into the command that creates it: a derived
 * table comes from {@code bench analyze}, a base table or view from {@code bench ingest}. A new user reading a
 * notebook or a report before analysing otherwise sees only Spark's error class.
 */
public final class MissingTableHint {
    private static final Pattern NOT_FOUND =
            Pattern.compile("TABLE_OR_VIEW_NOT_FOUND\\].*?`(?:[^`]*`\\.`)*([^`]+)`", Pattern.DOTALL);

    private MissingTableHint() {}

    /** The hint for Spark's error message, when it is about a missing table of the registry. */
    public static Optional<String> forError(String sparkMessage) {
        if (sparkMessage == null) return Optional.empty();
        Matcher m = NOT_FOUND.matcher(sparkMessage);
        if (!m.find()) return Optional.empty();
        return WarehouseTable.byName(m.group(1)).map(MissingTableHint::forTable);
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
