package io.enginebench.pipeline.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.pipeline.sql.ErrorLines;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.SqlError;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Flight SQL over the warehouse's tables, read-only, whichever {@link QueryEngine} answers (DuckDB or Spark).
 * Statements and prepared statements (what the JDBC driver and DBeaver use for every query) go through the engine,
 * which refuses anything but a query; metadata calls list the engine's tables with no catalog and no schema. Prepared
 * statements take {@code ?} parameters ({@link PreparedQuery}, {@link QueryParameters}). Calls from several clients
 * run at once, each on an engine of its own ({@link EnginePool}).
 */
public final class WarehouseFlightSqlProducer extends BasicFlightSqlProducer {
    static final int ROWS_PER_BATCH = 4096;
    static final String TABLE_TYPE = "TABLE";

    private final EnginePool engines;
    private final BufferAllocator allocator;
    private final Map<ByteString, PreparedQuery> prepared = new ConcurrentHashMap<>();
    private final SqlInfoBuilder sqlInfo;

    WarehouseFlightSqlProducer(EnginePool engines, BufferAllocator allocator) {
        this.engines = engines;
        this.allocator = allocator;
        QueryEngine engine = engines.first();
        this.sqlInfo = new SqlInfoBuilder()
                .withFlightSqlServerName("EngineBench warehouse (" + engine.dialect() + ")")
                .withFlightSqlServerVersion(engine.name() + " " + engineVersion(engine))
                .withFlightSqlServerArrowVersion(Schema.class.getPackage().getImplementationVersion() == null
                        ? "unknown" : Schema.class.getPackage().getImplementationVersion())
                .withFlightSqlServerReadOnly(true)
                .withSqlIdentifierQuoteChar(EngineChoice.spark.name().equals(engine.name()) ? "`" : "\"")
                .withFlightSqlServerTransaction(FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE);
    }

    /** The engine's own version ({@code version()} in both dialects: "4.2.0 abc…" on Spark, "v1.4.4" on DuckDB). */
    private static String engineVersion(QueryEngine engine) {
        try (QueryResult r = engine.query("SELECT version()")) {
            List<Object[]> rows = r.firstRows(1);
            return rows.isEmpty() || rows.get(0)[0] == null ? "unknown" : rows.get(0)[0].toString().split("\\s+")[0];
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    int openPreparedStatements() {
        return prepared.size();
    }

    // ---- statements ------------------------------------------------------------------------------------------

    @Override
    public FlightInfo getFlightInfoStatement(FlightSql.CommandStatementQuery command, CallContext context,
                                             FlightDescriptor descriptor) {
        String sql = command.getQuery();
        Schema schema = arrowSchema(sql);
        FlightSql.TicketStatementQuery ticket = FlightSql.TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFromUtf8(sql)).build();
        return new FlightInfo(schema, descriptor, List.of(endpoint(ticket)), -1, -1);
    }

    @Override
    public void getStreamStatement(FlightSql.TicketStatementQuery ticket, CallContext context,
                                   ServerStreamListener listener) {
        try {
            engines.with(engine -> {
                try (QueryResult result = engine.query(ticket.getStatementHandle().toStringUtf8())) {
                    return stream(result, listener);
                }
            });
        } catch (RuntimeException e) {
            listener.error(toFlight(e));
        }
    }

    @Override
    public void createPreparedStatement(FlightSql.ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        try {
            PreparedQuery query = engines.with(engine -> PreparedQuery.prepare(engine, request.getQuery()));
            Schema schema = ArrowResults.schema(query.columns());
            ByteString handle = ByteString.copyFromUtf8(UUID.randomUUID().toString());
            prepared.put(handle, query);
            FlightSql.ActionCreatePreparedStatementResult result =
                    FlightSql.ActionCreatePreparedStatementResult.newBuilder()
                            .setPreparedStatementHandle(handle)
                            .setDatasetSchema(ByteString.copyFrom(serialize(schema)))
                            .setParameterSchema(ByteString.copyFrom(serialize(query.parameters())))
                            .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(toFlight(e));
        }
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
                                                     CallContext context, FlightDescriptor descriptor) {
        Schema schema = ArrowResults.schema(preparedQuery(command.getPreparedStatementHandle()).columns());
        return new FlightInfo(schema, descriptor, List.of(endpoint(command)), -1, -1);
    }

    /** The client binds parameter values (one row) before it executes: kept with the statement until rebound. */
    @Override
    public Runnable acceptPutPreparedStatementQuery(FlightSql.CommandPreparedStatementQuery command,
                                                    CallContext context, FlightStream flightStream,
                                                    StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                PreparedQuery query = preparedQuery(command.getPreparedStatementHandle());
                while (flightStream.next()) {
                    if (flightStream.getRoot().getRowCount() > 0) query.bind(flightStream.getRoot());
                }
                ackStream.onCompleted();
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            } catch (RuntimeException e) {
                ackStream.onError(CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).toRuntimeException());
            }
        };
    }

    @Override
    public void getStreamPreparedStatement(FlightSql.CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        try {
            PreparedQuery query = preparedQuery(command.getPreparedStatementHandle());
            engines.with(engine -> {
                try (QueryResult result = query.execute(engine)) {
                    return stream(result, listener);
                }
            });
        } catch (RuntimeException e) { // also a bound value the engine cannot use
            listener.error(toFlight(e));
        }
    }

    @Override
    public void closePreparedStatement(FlightSql.ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        prepared.remove(request.getPreparedStatementHandle());
        listener.onCompleted();
    }

    private PreparedQuery preparedQuery(ByteString handle) {
        PreparedQuery query = prepared.get(handle);
        if (query == null) {
            throw CallStatus.NOT_FOUND.withDescription("unknown prepared statement").toRuntimeException();
        }
        return query;
    }

    // ---- metadata --------------------------------------------------------------------------------------------

    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(T request, FlightDescriptor descriptor,
                                                                           Schema schema) {
        return List.of(endpoint(request));
    }

    @Override
    public void getStreamSqlInfo(FlightSql.CommandGetSqlInfo command, CallContext context,
                                 ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        // the views belong to no catalog clients need to name
        try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_CATALOGS_SCHEMA, allocator)) {
            root.setRowCount(0);
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    @Override
    public void getStreamSchemas(FlightSql.CommandGetDbSchemas command, CallContext context,
                                 ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_SCHEMAS_SCHEMA, allocator)) {
            root.setRowCount(0);
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TABLE_TYPES_SCHEMA, allocator)) {
            VarCharVector type = (VarCharVector) root.getVector("table_type");
            type.allocateNew();
            type.setSafe(0, TABLE_TYPE.getBytes(StandardCharsets.UTF_8));
            root.setRowCount(1);
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    @Override
    public void getStreamTables(FlightSql.CommandGetTables command, CallContext context,
                                ServerStreamListener listener) {
        try {
            List<String> names = matchingTables(command);
            boolean withSchema = command.getIncludeSchema();
            Schema schema = withSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
            try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
                root.allocateNew();
                VarCharVector catalog = (VarCharVector) root.getVector("catalog_name");
                VarCharVector dbSchema = (VarCharVector) root.getVector("db_schema_name");
                VarCharVector table = (VarCharVector) root.getVector("table_name");
                VarCharVector type = (VarCharVector) root.getVector("table_type");
                for (int i = 0; i < names.size(); i++) {
                    catalog.setNull(i);
                    dbSchema.setNull(i);
                    table.setSafe(i, names.get(i).getBytes(StandardCharsets.UTF_8));
                    type.setSafe(i, TABLE_TYPE.getBytes(StandardCharsets.UTF_8));
                    if (withSchema) {
                        String name = names.get(i);
                        Schema tableSchema = ArrowResults.schema(engines.with(e -> TableColumns.of(e, name)));
                        ((VarBinaryVector) root.getVector("table_schema")).setSafe(i, serialize(tableSchema));
                    }
                }
                root.setRowCount(names.size());
                listener.start(root);
                listener.putNext();
                listener.completed();
            }
        } catch (RuntimeException e) {
            listener.error(toFlight(e));
        }
    }

    private List<String> matchingTables(FlightSql.CommandGetTables command) {
        if (command.hasCatalog() && !command.getCatalog().isEmpty()) return List.of();
        if (command.hasDbSchemaFilterPattern() && !command.getDbSchemaFilterPattern().isEmpty()
                && !command.getDbSchemaFilterPattern().equals("%")) {
            return List.of();
        }
        if (command.getTableTypesCount() > 0 && !command.getTableTypesList().contains(TABLE_TYPE)) return List.of();
        Pattern name = command.hasTableNameFilterPattern()
                ? likePattern(command.getTableNameFilterPattern()) : null;
        List<String> out = new ArrayList<>();
        for (String table : engines.first().tableNames()) {
            if (name == null || name.matcher(table).matches()) out.add(table);
        }
        return out;
    }

    /** SQL LIKE pattern (% and _, backslash escapes) as a regex. */
    static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            else if (c == '%') re.append(".*");
            else if (c == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }

    // ---- execution -------------------------------------------------------------------------------------------

    /** The result's columns: the engine checks the statement and types its result without running it. */
    private Schema arrowSchema(String sql) {
        try {
            return engines.with(engine -> ArrowResults.schema(engine.columns(sql, new Object[0])));
        } catch (RuntimeException e) {
            throw toFlight(e);
        }
    }

    /** Streams a result in batches; rows are read as they are sent, so memory stays bounded by a batch. */
    private Void stream(QueryResult result, ServerStreamListener listener) {
        Schema schema = ArrowResults.schema(result.columns());
        Iterator<Object[]> rows = result.rows();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            listener.start(root);
            boolean sent = false;
            while (!sent || rows.hasNext()) {
                ArrowResults.fill(root, rows, ROWS_PER_BATCH);
                listener.putNext();
                sent = true;
            }
            listener.completed();
        }
        return null;
    }

    /** A failure as the client sees it: a user's mistake (refused write, unknown table) is INVALID_ARGUMENT. */
    static FlightRuntimeException toFlight(RuntimeException e) {
        if (e instanceof FlightRuntimeException f) return f;
        if (e instanceof SqlError) {
            return CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).toRuntimeException();
        }
        return CallStatus.INTERNAL.withDescription(ErrorLines.of(e))
                .withCause(e).toRuntimeException();
    }

    private static FlightEndpoint endpoint(Message command) {
        return new FlightEndpoint(new Ticket(Any.pack(command).toByteArray()));
    }

    private static byte[] serialize(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
