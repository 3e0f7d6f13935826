package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.ColumnInfo;
import io.enginebench.pipeline.sql.PlainType;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.ResultColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's columns as a query over it returns them, from the type names its engine declares
 * ({@link QueryEngine#describe}): Spark's ({@code bigint}, {@code array<int>}, {@code decimal(10,2)}) and DuckDB's
 * ({@code BIGINT}, {@code INTEGER[]}, {@code TIMESTAMP WITH TIME ZONE}). Nested and binary types are text, as in
 * results.
 */
final class TableColumns {
    private static final Pattern DECIMAL = Pattern.compile("(?:decimal|numeric)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private TableColumns() {}

    static List<ResultColumn> of(QueryEngine engine, String table) {
        List<ResultColumn> out = new ArrayList<>();
        for (ColumnInfo c : engine.describe(table)) out.add(column(c.name(), c.type()));
        return out;
    }

    static ResultColumn column(String name, String typeName) {
        String t = typeName.strip().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(t);
        if (decimal.matches()) {
            return new ResultColumn(name, PlainType.DECIMAL, Integer.parseInt(decimal.group(1)),
                    Integer.parseInt(decimal.group(2)));
        }
        return new ResultColumn(name, plainType(t));
    }

    private static PlainType plainType(String t) {
        if (t.startsWith("timestamp")) return PlainType.TIMESTAMP;
        return switch (t) {
            case "boolean", "bool" -> PlainType.BOOLEAN;
            case "tinyint", "byte", "int1" -> PlainType.BYTE;
            case "smallint", "short", "int2" -> PlainType.SHORT;
            case "int", "integer", "int4" -> PlainType.INT;
            case "bigint", "long", "int8" -> PlainType.LONG;
            case "float", "real", "float4" -> PlainType.FLOAT;
            case "double", "double precision", "float8" -> PlainType.DOUBLE;
            case "date" -> PlainType.DATE;
            default -> PlainType.STRING;   // strings, arrays, maps, structs, binary, anything newer
        };
    }
}
