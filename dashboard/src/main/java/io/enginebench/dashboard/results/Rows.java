package io.enginebench.dashboard.results;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Spark rows as JSON-ready maps: ISO-8601 times, no NaN (JSON has none), selected columns left out. */
final class Rows {
    private Rows() {}

    static Map<String, Object> toMap(Row row, Set<String> skip) {
        Map<String, Object> out = new LinkedHashMap<>();
        StructField[] fields = row.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            if (skip.contains(name)) continue;
            out.put(name, plain(row.isNullAt(i) ? null : row.get(i)));
        }
        return out;
    }

    static List<Map<String, Object>> toMaps(List<Row> rows, Set<String> skip) {
        return rows.stream().map(r -> toMap(r, skip)).toList();
    }

    private static Object plain(Object v) {
        if (v == null) return null;
        if (v instanceof Double d) return d.isNaN() || d.isInfinite() ? null : d;
        if (v instanceof Float f) return f.isNaN() || f.isInfinite() ? null : f.doubleValue();
        if (v instanceof Timestamp t) return t.toInstant().toString();
        if (v instanceof Instant t) return t.toString();
        if (v instanceof Date d) return d.toLocalDate().toString();
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof BigDecimal b) return b.doubleValue();
        if (v instanceof Number || v instanceof Boolean || v instanceof String) return v;
        return v.toString();
    }
}
