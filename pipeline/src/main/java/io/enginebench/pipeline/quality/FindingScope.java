package io.enginebench.pipeline.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a run a finding is about, written at the start of its detail as {@code [level_index=3 concurrency=64]}
 * or {@code [arm=json_schema]}, so that reports can mark exactly the cells it affects. A detail without the prefix is
 * about the whole run. Every field is optional.
 */
public record FindingScope(Integer levelIndex, Integer concurrency, Double targetRate, String arm) {
    public static final FindingScope RUN = new FindingScope(null, null, null, null);
    private static final Pattern PREFIX = Pattern.compile("^\\[([^]]*)]");

    public static FindingScope level(int levelIndex, Integer concurrency, Double targetRate) {
        return new FindingScope(levelIndex, concurrency, targetRate, null);
    }

    public static FindingScope arm(String arm) {
        return new FindingScope(null, null, null, arm);
    }

    /** The detail with this scope's prefix (none for the whole run). */
    public String detail(String text) {
        List<String> parts = new ArrayList<>();
        if (levelIndex != null) parts.add("level_index=" + levelIndex);
        if (concurrency != null) parts.add("concurrency=" + concurrency);
        if (targetRate != null) parts.add("target_rate=" + number(targetRate));
        if (arm != null) parts.add("arm=" + arm);
        return parts.isEmpty() ? text : "[" + String.join(" ", parts) + "] " + text;
    }

    /** The scope a detail names; {@link #RUN} when it names none or is null. */
    public static FindingScope parse(String detail) {
        if (detail == null) return RUN;
        Matcher m = PREFIX.matcher(detail);
        if (!m.find()) return RUN;
        Integer level = null;
        Integer concurrency = null;
        Double rate = null;
        String arm = null;
        for (String part : m.group(1).trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq < 0) return RUN;   // not a scope prefix: some other bracketed text
            String value = part.substring(eq + 1);
            try {
                switch (part.substring(0, eq)) {
                    case "level_index" -> level = Integer.valueOf(value);
                    case "concurrency" -> concurrency = Integer.valueOf(value);
                    case "target_rate" -> rate = Double.valueOf(value);
                    case "arm" -> arm = value;
                    default -> { return RUN; }
                }
            } catch (NumberFormatException e) {
                return RUN;
            }
        }
        return new FindingScope(level, concurrency, rate, arm);
    }

    /** Shortest exact decimal text (4.0 → "4", 0.5 → "0.5"). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%s", v);
    }
}
