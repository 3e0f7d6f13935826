package io.enginebench.pipeline.sql.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.pipeline.sql.PlainType;
import io.enginebench.pipeline.sql.ResultColumn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DuckDB's column types and JDBC values as {@link PlainType}s, the way Spark's side makes them plain: 128-bit and
 * unsigned integers as the next wider Java type (DuckDB's {@code sum} of integers is a HUGEINT where Spark's is a
 * BIGINT), lists, structs and maps as JSON text, binary as base64.
 */
final class DuckDbValues {
    /** Made on first use: most results have no nested value, and a one-shot query should not pay for Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private DuckDbValues() {}

    static ResultColumn column(ResultSetMetaData md, int i) throws SQLException {
        String type = md.getColumnTypeName(i).toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL")) {
            return new ResultColumn(md.getColumnLabel(i), PlainType.DECIMAL, md.getPrecision(i), md.getScale(i));
        }
        return new ResultColumn(md.getColumnLabel(i), plainType(type));
    }

    static PlainType plainType(String duckDbType) {
        return switch (duckDbType) {
            case "BOOLEAN" -> PlainType.BOOLEAN;
            case "TINYINT" -> PlainType.BYTE;
            case "SMALLINT", "UTINYINT" -> PlainType.SHORT;
            case "INTEGER", "USMALLINT" -> PlainType.INT;
            case "BIGINT", "UINTEGER", "HUGEINT", "UBIGINT", "UHUGEINT" -> PlainType.LONG;
            case "FLOAT" -> PlainType.FLOAT;
            case "DOUBLE" -> PlainType.DOUBLE;
            case "DATE" -> PlainType.DATE;
            default -> duckDbType.startsWith("TIMESTAMP") ? PlainType.TIMESTAMP : PlainType.STRING;
        };
    }

    /** A JDBC value of a column of {@code type} as that type's Java class. */
    static Object value(Object v, PlainType type) throws SQLException {
        if (v == null) return null;
        return switch (type) {
            case BOOLEAN -> v;
            case BYTE -> ((Number) v).byteValue();
            case SHORT -> ((Number) v).shortValue();
            case INT -> ((Number) v).intValue();
            case LONG -> v instanceof BigInteger b ? b.longValue() : ((Number) v).longValue();
            case FLOAT -> ((Number) v).floatValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case DATE -> v instanceof LocalDate d ? java.sql.Date.valueOf(d) : v;
            case TIMESTAMP -> timestamp(v);
            case STRING -> v instanceof String s ? s : text(v);
        };
    }

    private static Object timestamp(Object v) {
        if (v instanceof OffsetDateTime t) return Timestamp.from(t.toInstant());
        if (v instanceof LocalDateTime t) return Timestamp.valueOf(t);
        return v;
    }

    /** A value with no plain type as text: nested values as JSON (as Spark's {@code to_json}), binary as base64. */
    private static String text(Object v) throws SQLException {
        if (v instanceof Blob b) return Base64.getEncoder().encodeToString(b.getBytes(1, (int) b.length()));
        if (v instanceof Array || v instanceof Struct || v instanceof Map<?, ?>) {
            try {
                return Json.MAPPER.writeValueAsString(nested(v));
            } catch (JsonProcessingException e) {
                throw new SQLException("cannot write a nested value as JSON", e);
            }
        }
        return v.toString();
    }

    private static Object nested(Object v) throws SQLException {
        if (v == null) return null;
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) out.add(nested(e));
            return out;
        }
        if (v instanceof Struct s) {
            Map<String, Object> out = new LinkedHashMap<>();
            Object[] attributes = s.getAttributes();
            String[] names = structNames(s, attributes.length);
            for (int i = 0; i < attributes.length; i++) out.put(names[i], nested(attributes[i]));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), nested(e.getValue()));
            return out;
        }
        if (v instanceof OffsetDateTime || v instanceof LocalDateTime || v instanceof LocalDate) return v.toString();
        if (v instanceof BigInteger b) return b;
        return v instanceof Number || v instanceof Boolean || v instanceof String ? v : String.valueOf(v);
    }

    /** The field names of DuckDB's struct ({@code DuckDBStruct.getMap} keeps them; JDBC's Struct does not). */
    private static String[] structNames(Struct s, int n) throws SQLException {
        if (s instanceof org.duckdb.DuckDBStruct d) return d.getMap().keySet().toArray(new String[0]);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) names[i] = "col" + (i + 1);
        return names;
    }
}
