package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.pipeline.sql.PlainType;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ?} parameters of a prepared query: where they are, the Arrow type a client should bind each one as, and
 * the values a client sent (one Arrow row) as Java values for the engine's positional parameters.
 *
 * <p>Neither engine types an unbound parameter the same way (Spark not at all), so the type is read from the
 * parameter's place: the column it is compared with ({@code col = ?}, {@code col IN (?, ?)},
 * {@code col BETWEEN ? AND ?}; its type from the warehouse's tables), an INT after {@code LIMIT}/{@code OFFSET}, else
 * text (both engines cast text where a value of another type is needed).
 */
final class QueryParameters {
    private static final ArrowType TEXT = ArrowType.Utf8.INSTANCE;
    private static final ArrowType WHOLE = new ArrowType.Int(64, true);
    /** Spark's LIMIT and OFFSET take an INT, not a BIGINT. */
    private static final ArrowType INT = new ArrowType.Int(32, true);
    private static final Pattern LIMIT = Pattern.compile("(?i)\\b(?:LIMIT|OFFSET)\\s*$");
    private static final String COLUMN = "`?([A-Za-z_][A-Za-z0-9_]*)`?";
    private static final List<Pattern> COMPARED_WITH = List.of(
            Pattern.compile("(?i)" + COLUMN + "\\s*(?:=|==|<=>|<>|!=|<=|>=|<|>)\\s*$"),
            Pattern.compile("(?i)" + COLUMN + "\\s+(?:NOT\\s+)?IN\\s*\\((?:\\s*\\?\\s*,)*\\s*$"),
            Pattern.compile("(?i)" + COLUMN + "\\s+(?:NOT\\s+)?BETWEEN\\s*(?:\\?\\s*AND\\s*)?$"));

    private QueryParameters() {}

    /** Offsets of the {@code ?} markers outside quotes, identifiers and comments. */
    static List<Integer> markers(String sql) {
        List<Integer> out = new ArrayList<>();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '?') {
                out.add(i);
            }
        }
        return out;
    }

    /** One field per marker, typed by its place in the query; {@code columnType} looks a column name up. */
    static Schema schema(String sql, Function<String, PlainType> columnType) {
        List<Field> fields = new ArrayList<>();
        List<Integer> markers = markers(sql);
        for (int i = 0; i < markers.size(); i++) {
            String before = sql.substring(0, markers.get(i));
            fields.add(new Field("parameter_" + (i + 1), FieldType.nullable(typeAt(before, columnType)), null));
        }
        return new Schema(fields);
    }

    private static ArrowType typeAt(String before, Function<String, PlainType> columnType) {
        if (LIMIT.matcher(before).find()) return INT;
        for (Pattern p : COMPARED_WITH) {
            Matcher m = p.matcher(before);
            if (m.find()) {
                PlainType t = columnType.apply(m.group(1).toLowerCase(Locale.ROOT));
                return t == null ? TEXT : arrow(t);
            }
        }
        return TEXT;
    }

    private static ArrowType arrow(PlainType t) {
        return switch (t) {
            case BYTE, SHORT, INT -> INT;
            case LONG -> WHOLE;
            case FLOAT, DOUBLE, DECIMAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            // milliseconds: the JDBC driver writes a timestamp's epoch milliseconds whatever unit is announced
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            case STRING -> TEXT;
        };
    }

    /** A value of each parameter's type, to analyse the query (its result schema, its errors) before binding. */
    static Object[] placeholders(Schema schema) {
        Object[] out = new Object[schema.getFields().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (schema.getFields().get(i).getType().getTypeID()) {
                case Int -> ((ArrowType.Int) schema.getFields().get(i).getType()).getBitWidth() == 64
                        ? (Object) 0L : (Object) 0;   // not `? 0L : 0`, which widens both to long
                case FloatingPoint -> 0.0;
                case Bool -> false;
                case Date -> LocalDate.EPOCH;
                case Timestamp -> Instant.EPOCH;
                default -> "";
            };
        }
        return out;
    }

    /**
     * The values as {@code engine} takes them: DuckDB's JDBC driver refuses an {@link Instant} and would read a
     * {@code java.sql.Timestamp} in the JVM's time zone, so an instant goes to it as an {@link OffsetDateTime} in UTC.
     */
    static Object[] forEngine(String engine, Object[] values) {
        if (!EngineChoice.duckdb.name().equals(engine)) return values;
        Object[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Instant t) out[i] = t.atOffset(ZoneOffset.UTC);
        }
        return out;
    }

    /** The first row of a client's parameter batch as Java values the engines take as literals. */
    static Object[] values(VectorSchemaRoot root, int expected) {
        if (root.getFieldVectors().size() != expected || root.getRowCount() < 1) {
            throw new IllegalArgumentException("expected one row of " + expected + " parameter(s), got "
                    + root.getFieldVectors().size() + " column(s) and " + root.getRowCount() + " row(s)");
        }
        Object[] out = new Object[expected];
        for (int i = 0; i < expected; i++) out[i] = value(root.getVector(i));
        return out;
    }

    private static Object value(FieldVector v) {
        Object o = v.getObject(0);
        if (o == null) return null;
        if (o instanceof Text t) return t.toString();
        if (o instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        ArrowType type = v.getField().getType();
        if (type instanceof ArrowType.Date && o instanceof Integer days) return LocalDate.ofEpochDay(days);
        if (type instanceof ArrowType.Date && o instanceof LocalDateTime d) return d.toLocalDate();
        if (type instanceof ArrowType.Timestamp ts) {
            if (o instanceof LocalDateTime d) return d.toInstant(ZoneOffset.UTC);
            if (o instanceof Long n) return micros(n, ts.getUnit());
        }
        if (o instanceof Map<?, ?> || o instanceof List<?>) return o.toString();
        // a LIMIT parameter is an INT for Spark, whatever width the client sent
        if (type instanceof ArrowType.Int i && i.getBitWidth() <= 32 && o instanceof Number n) return n.intValue();
        return o;
    }

    private static Instant micros(long n, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Instant.ofEpochSecond(n);
            case MILLISECOND -> Instant.ofEpochMilli(n);
            case MICROSECOND -> Instant.EPOCH.plusNanos(n * 1000);
            case NANOSECOND -> Instant.EPOCH.plusNanos(n);
        };
    }
}
