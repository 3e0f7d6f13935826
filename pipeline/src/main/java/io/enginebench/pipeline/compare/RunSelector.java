package io.enginebench.pipeline.compare;

import io.enginebench.trace.UserFacingException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One side of a comparison: a set of rows of {@code runs}, given either as named shortcuts ({@code variant:vllm
 * version:0.6.3 date:2026-11-01..2026-11-30}, space-separated, all must hold) or as a Spark SQL predicate over the
 * columns of {@code runs} (anything that is not only shortcuts).
 *
 * @param text      as the user gave it
 * @param predicate the Spark SQL predicate it stands for
 */
public record RunSelector(String text, String predicate) {
    /** The shortcuts, by name: each turns its value into a predicate on runs. */
    private static final Map<String, Function<String, String>> SHORTCUTS = shortcuts();
    private static final Pattern TOKEN = Pattern.compile("([a-z]+):(\\S+)");

    public static RunSelector parse(String text) {
        if (text == null || text.isBlank()) throw new UserFacingException("a run selector must not be empty");
        String t = text.trim();
        List<String> parts = new ArrayList<>();
        for (String token : t.split("\\s+")) {
            Matcher m = TOKEN.matcher(token);
            if (!m.matches() || !SHORTCUTS.containsKey(m.group(1))) return new RunSelector(t, "(" + t + ")");
            parts.add(SHORTCUTS.get(m.group(1)).apply(m.group(2)));
        }
        return new RunSelector(t, String.join(" AND ", parts));
    }

    /** The shortcut names, for help texts and docs. */
    public static List<String> shortcutNames() {
        return List.copyOf(SHORTCUTS.keySet());
    }

    private static Map<String, Function<String, String>> shortcuts() {
        Map<String, Function<String, String>> m = new LinkedHashMap<>();
        m.put("variant", v -> "coalesce(engine_variant, engine) = " + quote(v));
        m.put("engine", v -> "engine = " + quote(v));
        m.put("version", v -> "engine_version = " + quote(v));
        m.put("model", v -> "(model = " + quote(v) + " OR model_name = " + quote(v) + ")");
        m.put("scenario", v -> "scenario = " + quote(v));
        m.put("matrix", v -> "matrix_id = " + quote(v));
        m.put("date", RunSelector::dateRange);
        m.put("runs", v -> "(run_uid IN (" + list(v) + ") OR run_id IN (" + list(v) + "))");
        return m;
    }

    /** {@code D} (one UTC day) or {@code FROM..TO} (inclusive; either end may be left open). */
    private static String dateRange(String v) {
        int dots = v.indexOf("..");
        String from = dots < 0 ? v : v.substring(0, dots);
        String to = dots < 0 ? v : v.substring(dots + 2);
        List<String> where = new ArrayList<>();
        if (!from.isEmpty()) where.add("to_date(timestamp) >= DATE " + quote(day(from)));
        if (!to.isEmpty()) where.add("to_date(timestamp) <= DATE " + quote(day(to)));
        if (where.isEmpty()) throw new UserFacingException("date: give YYYY-MM-DD or FROM..TO, got '" + v + "'");
        return "(" + String.join(" AND ", where) + ")";
    }

    private static String day(String s) {
        try {
            return LocalDate.parse(s).toString();
        } catch (DateTimeParseException e) {
            throw new UserFacingException("date: '" + s + "' is not YYYY-MM-DD");
        }
    }

    private static String list(String csv) {
        return String.join(", ", Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(RunSelector::quote)
                .toList());
    }

    /** A SQL string literal; shortcut values never end up as SQL text of their own. */
    static String quote(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
