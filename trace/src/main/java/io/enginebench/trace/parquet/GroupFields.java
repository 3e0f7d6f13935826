package io.enginebench.trace.parquet;

import org.apache.parquet.example.data.Group;

/** Null-aware accessors for optional Parquet fields: an absent value is simply not written. */
final class GroupFields {
    private GroupFields() {}

    static void putString(Group g, String f, String v) { if (v != null) g.add(f, v); }
    static void putInt(Group g, String f, Integer v) { if (v != null) g.add(f, v); }
    static void putLong(Group g, String f, Long v) { if (v != null) g.add(f, v); }
    static void putDouble(Group g, String f, Double v) { if (v != null) g.add(f, v); }
    static void putBoolean(Group g, String f, Boolean v) { if (v != null) g.add(f, v); }

    static String getString(Group g, String f) { return present(g, f) ? g.getString(f, 0) : null; }
    static Integer getInt(Group g, String f) { return present(g, f) ? g.getInteger(f, 0) : null; }
    static Long getLong(Group g, String f) { return present(g, f) ? g.getLong(f, 0) : null; }
    static Double getDouble(Group g, String f) { return present(g, f) ? g.getDouble(f, 0) : null; }
    static Boolean getBoolean(Group g, String f) { return present(g, f) ? g.getBoolean(f, 0) : null; }

    private static boolean present(Group g, String f) { return g.getFieldRepetitionCount(f) > 0; }
}
