package io.enginebench.pipeline.notebook;

import io.enginebench.trace.UserFacingException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart request inside a SQL cell: one comment line
 * {@code -- chart: line|bar|scatter x=COL y=COL [color=COL] [title="…"]}. Columns name the cell's result columns;
 * {@code color} splits the rows into one trace per value.
 */
public record ChartSpec(String kind, String x, String y, String color, String title) {
    public static final String PREFIX = "-- chart:";
    static final Set<String> KINDS = Set.of("line", "bar", "scatter");
    private static final Pattern ARG = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    /** Parses the text after {@code -- chart:}; bad specs are user errors with the notebook line quoted. */
    public static ChartSpec parse(String line) {
        String body = line.strip().substring(PREFIX.length()).strip();
        String[] head = body.split("\\s+", 2);
        String kind = head[0].toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) throw bad(line, "kind must be line, bar or scatter");
        Map<String, String> args = new HashMap<>();
        Matcher m = ARG.matcher(head.length > 1 ? head[1] : "");
        while (m.find()) {
            String v = m.group(2);
            args.put(m.group(1).toLowerCase(Locale.ROOT), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        if (!args.containsKey("x") || !args.containsKey("y")) throw bad(line, "x=COLUMN and y=COLUMN are required");
        return new ChartSpec(kind, args.get("x"), args.get("y"), args.get("color"), args.get("title"));
    }

    private static UserFacingException bad(String line, String why) {
        return new UserFacingException("bad chart line '" + line.strip() + "': " + why);
    }
}
