package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.PlainType;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One prepared statement: its text, the result's columns (found when it was prepared), and with {@code ?}
 * parameters the types it announced and the values last bound. Each execution runs the text again, with those values,
 * on whichever engine is free.
 */
final class PreparedQuery {
    private final String sql;
    private final Schema parameters;
    private final List<ResultColumn> columns;
    private volatile Object[] bound;

    private PreparedQuery(String sql, Schema parameters, List<ResultColumn> columns) {
        this.sql = sql;
        this.parameters = parameters;
        this.columns = columns;
        this.bound = parameters.getFields().isEmpty() ? new Object[0] : null;
    }

    /**
     * Checks {@code sql} and learns its columns without running it (with stand-in values for its parameters, which
     * Spark needs to analyse it): errors surface when preparing, and the query runs once, when executed.
     */
    static PreparedQuery prepare(QueryEngine engine, String sql) {
        Schema parameters = QueryParameters.markers(sql).isEmpty() ? new Schema(List.of())
                : QueryParameters.schema(sql, columnTypes(engine));
        Object[] placeholders = QueryParameters.forEngine(engine.name(), QueryParameters.placeholders(parameters));
        return new PreparedQuery(sql, parameters, engine.columns(sql, placeholders));
    }

    Schema parameters() {
        return parameters;
    }

    /** The result's columns (the same whatever values are bound). */
    List<ResultColumn> columns() {
        return columns;
    }

    void bind(VectorSchemaRoot root) {
        bound = QueryParameters.values(root, parameters.getFields().size());
    }

    /** Runs the statement on {@code engine} with the values last bound; the caller closes the result. */
    QueryResult execute(QueryEngine engine) {
        Object[] values = bound;
        if (values == null) {
            throw CallStatus.INVALID_ARGUMENT.withDescription("the statement has " + parameters.getFields().size()
                    + " parameter(s) and none were bound").toRuntimeException();
        }
        return engine.query(sql, QueryParameters.forEngine(engine.name(), values));
    }

    /** Column name → type over every table of the engine (a parameter takes the type of the column it meets). */
    private static Function<String, PlainType> columnTypes(QueryEngine engine) {
        Map<String, PlainType> types = new HashMap<>();
        for (String table : engine.tableNames()) {
            for (ResultColumn c : TableColumns.of(engine, table)) {
                types.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c.type());
            }
        }
        return types::get;
    }
}
