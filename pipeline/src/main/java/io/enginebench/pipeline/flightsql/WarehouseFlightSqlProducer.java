package io.enginebench.pipeline.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.enginebench.pipeline.sql.ReadOnlyViolation;
import io.enginebench.pipeline.sql.spark.PlainColumns;
import io.enginebench.pipeline.sql.spark.ReadOnlyQueries;
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
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
 * Flight SQL over a Spark session's temp views, read-only. Statements and prepared statements (what the JDBC driver
 * and DBeaver use for every query) are checked by {@link ReadOnlyQueries}; metadata calls list the session's temp
 * views as tables with no catalog and no schema (that is how Spark names them). Prepared statements take {@code ?}
 * parameters ({@link PreparedQuery}, {@link QueryParameters}).
 */
public final class SparkFlightSqlProducer extends BasicFlightSqlProducer {
    static final int ROWS_PER_BATCH = 4096;
    static final String TABLE_TYPE = "TABLE";

    private final ReadOnlyQueries queries;
    private final BufferAllocator allocator;
    private final Map<ByteString, PreparedQuery> prepared = new ConcurrentHashMap<>();
    private final SqlInfoBuilder sqlInfo;

    public SparkFlightSqlProducer(ReadOnlyQueries queries, BufferAllocator allocator) {
        this.queries = queries;
        this.allocator = allocator;
        this.sqlInfo = new SqlInfoBuilder()
                .withFlightSqlServerName("EngineBench warehouse (Spark SQL)")
                .withFlightSqlServerVersion(org.apache.spark.package$.MODULE$.SPARK_VERSION())
                .withFlightSqlServerArrowVersion(Schema.class.getPackage().getImplementationVersion() == null
                        ? "unknown" : Schema.class.getPackage().getImplementationVersion())
                .withFlightSqlServerReadOnly(true)
                .withSqlIdentifierQuoteChar("`")
                .withFlightSqlServerTransaction(FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE);
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
            stream(PlainColumns.of(queries.query(ticket.getStatementHandle().toStringUtf8())), listener);
        } catch (Exception e) { // Spark throws its checked AnalysisException undeclared
            listener.error(toFlight(e));
        }
    }

    @Override
    public void createPreparedStatement(FlightSql.ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        try {
            PreparedQuery query = PreparedQuery.prepare(queries, request.getQuery());
            Schema schema = ArrowResults.schema(query.described().schema());
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
        } catch (Exception e) {
            listener.onError(toFlight(e));
        }
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
                                                     CallContext context, FlightDescriptor descriptor) {
        Schema schema = ArrowResults.schema(preparedQuery(command.getPreparedStatementHandle()).described().schema());
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
            stream(preparedQuery(command.getPreparedStatementHandle()).dataset(), listener);
        } catch (FlightRuntimeException e) {
            listener.error(e);
        } catch (Exception e) { // Spark's AnalysisException for a bound value it cannot use
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
        // temp views belong to no catalog
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
                        Schema tableSchema = ArrowResults.schema(
                                PlainColumns.of(queries.spark().table("`" + names.get(i) + "`")).schema());
                        ((VarBinaryVector) root.getVector("table_schema")).setSafe(i, serialize(tableSchema));
                    }
                }
                root.setRowCount(names.size());
                listener.start(root);
                listener.putNext();
                listener.completed();
            }
        } catch (Exception e) { // Spark throws its checked AnalysisException undeclared
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
        for (Row r : queries.spark().sql("SHOW TABLES").collectAsList()) {
            String table = r.getString(1);
            if (r.getBoolean(2) && (name == null || name.matcher(table).matches())) out.add(table);
        }
        out.sort(String::compareTo);
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

    private Schema arrowSchema(String sql) {
        try {
            return ArrowResults.schema(PlainColumns.of(queries.query(sql)).schema());
        } catch (Exception e) {
            throw toFlight(e);
        }
    }

    /** Streams a normalised dataset; rows come through toLocalIterator so memory stays bounded by a partition. */
    private void stream(Dataset<Row> df, ServerStreamListener listener) {
        try {
            Schema schema = ArrowResults.schema(df.schema());
            Iterator<Row> rows = df.toLocalIterator();
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
        } catch (Exception e) {
            listener.error(toFlight(e));
        }
    }

    static FlightRuntimeException toFlight(Exception e) {
        if (e instanceof FlightRuntimeException f) return f;
        if (e instanceof ReadOnlyViolation) {
            return CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).toRuntimeException();
        }
        if (e instanceof AnalysisException) {
            return CallStatus.INVALID_ARGUMENT.withDescription(ReadOnlyQueries.firstLine(e.getMessage()))
                    .toRuntimeException();
        }
        return CallStatus.INTERNAL.withDescription(ReadOnlyQueries.firstLine(String.valueOf(e.getMessage())))
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
