package io.enginebench.pipeline.report;

import java.util.Locale;

/** Fixed, locale-independent number formatting so that the same data always prints the same characters. */
public final class Fmt {
    private Fmt() {}

    /** Integers print as integers; other values with 2 decimals (≥ 1) or 3 significant digits (&lt; 1). */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains("e") ? String.format(Locale.ROOT, "%.2e", v) : s;
    }

    /** A cell value of any type as report text; null and missing print as empty. */
    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        return v.toString();
    }
}
