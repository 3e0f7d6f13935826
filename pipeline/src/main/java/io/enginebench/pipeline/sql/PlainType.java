package io.enginebench.pipeline.sql;

/**
 * The column types every client shows natively (the shell's text table, CSV and JSON, Flight SQL's Arrow vectors).
 * An engine hands out anything else (arrays, maps, structs, binary) as text: nested values as JSON, binary as base64.
 * Each type names the Java class its values have in a {@link QueryResult} row.
 */
public enum PlainType {
    STRING(String.class),
    BOOLEAN(Boolean.class),
    BYTE(Byte.class),
    SHORT(Short.class),
    INT(Integer.class),
    LONG(Long.class),
    FLOAT(Float.class),
    DOUBLE(Double.class),
    DECIMAL(java.math.BigDecimal.class),
    DATE(java.sql.Date.class),
    /** an instant, shown in the JVM's time zone (as Spark shows its TIMESTAMP) */
    TIMESTAMP(java.sql.Timestamp.class);

    private final Class<?> javaClass;

    PlainType(Class<?> javaClass) {
        this.javaClass = javaClass;
    }

    /** The class of this type's non-null values. */
    public Class<?> javaClass() {
        return javaClass;
    }
}
