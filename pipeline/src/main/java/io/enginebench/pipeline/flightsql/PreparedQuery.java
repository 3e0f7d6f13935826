package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.spark.PlainColumns;
import io.enginebench.pipeline.sql.spark.ReadOnlyQueries;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One prepared statement: without parameters its analysed plan is kept (tools describe, then execute, often
 * repeatedly); with {@code ?} parameters it keeps the text, the parameter types it announced and the values last bound,
 * and is analysed again per execution with those values.
 */
final class PreparedQuery {
    private final ReadOnlyQueries queries;
    private final String sql;
    private final Schema parameters;
    private final Dataset<Row> described;
    private volatile Object[] bound;

    private PreparedQuery(ReadOnlyQueries queries, String sql, Schema parameters, Dataset<Row> described) {
        this.queries = queries;
        this.sql = sql;
        this.parameters = parameters;
        this.described = described;
    }

    /** Checks and analyses {@code sql} (with stand-in values for its parameters): errors surface when preparing. */
    static PreparedQuery prepare(ReadOnlyQueries queries, String sql) {
        if (QueryParameters.markers(sql).isEmpty()) {
            return new PreparedQuery(queries, sql, new Schema(java.util.List.of()),
                    PlainColumns.of(queries.query(sql)));
        }
        Schema parameters = QueryParameters.schema(sql, columnTypes(queries));
        Dataset<Row> described = PlainColumns.of(queries.query(sql, QueryParameters.placeholders(parameters)));
        return new PreparedQuery(queries, sql, parameters, described);
    }

    Schema parameters() {
        return parameters;
    }

    /** The result's columns (the same whatever values are bound). */
    Dataset<Row> described() {
        return described;
    }

    void bind(VectorSchemaRoot root) {
        bound = QueryParameters.values(root, parameters.getFields().size());
    }

    /** The query to run: the kept plan, or the text analysed with the values last bound. */
    Dataset<Row> dataset() {
        if (parameters.getFields().isEmpty()) return described;
        Object[] values = bound;
        if (values == null) {
            throw CallStatus.INVALID_ARGUMENT.withDescription("the statement has " + parameters.getFields().size()
                    + " parameter(s) and none were bound").toRuntimeException();
        }
        return PlainColumns.of(queries.query(sql, values));
    }

    /** Column name → type over every view of the session (a parameter takes the type of the column it meets). */
    private static java.util.function.Function<String, DataType> columnTypes(ReadOnlyQueries queries) {
        Map<String, DataType> types = new HashMap<>();
        for (Row t : queries.spark().sql("SHOW TABLES").collectAsList()) {
            for (StructField f : queries.spark().table(t.getString(1)).schema().fields()) {
                types.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f.dataType());
            }
        }
        return types::get;
    }
}
