package io.enginebench.pipeline.sql;

/**
 * A column of a {@link QueryResult}: its name and plain type; {@code precision} and {@code scale} describe a
 * {@link PlainType#DECIMAL} (0 for every other type).
 */
public record ResultColumn(String name, PlainType type, int precision, int scale) {
    public ResultColumn(String name, PlainType type) {
        this(name, type, 0, 0);
    }
}
