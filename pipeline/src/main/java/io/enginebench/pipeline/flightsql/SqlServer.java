package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.access.TlsFiles;
import io.enginebench.pipeline.sql.QueryEngine;
import io.grpc.netty.NettyServerBuilder;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Flight SQL endpoint: one {@link FlightServer} over query engines that have the warehouse's tables, opened as
 * concurrent calls need them ({@link EnginePool}). With a token every call must authenticate
 * ({@link TokenAuthenticator}); with TLS files it speaks gRPC over TLS. Closing it stops accepting calls, waits briefly
 * for running ones, closes the engines and frees the Arrow memory.
 */
public final class SqlServer implements AutoCloseable {
    /** Bounds per connection: a query is far smaller; Flight's own default would accept 2 GiB messages. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** A connection without calls for this long is closed; JDBC clients reconnect on their next call. */
    static final long IDLE_MINUTES = 10;
    /** Queries answered at once; more wait for an engine (the host has few cores, each engine uses them all). */
    static final int MAX_ENGINES = 4;

    private final BufferAllocator allocator;
    private final EnginePool engines;
    private final WarehouseFlightSqlProducer producer;
    private final FlightServer server;
    private final boolean tls;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqlServer(BufferAllocator allocator, EnginePool engines, WarehouseFlightSqlProducer producer,
                      FlightServer server, boolean tls) {
        this.allocator = allocator;
        this.engines = engines;
        this.producer = producer;
        this.server = server;
        this.tls = tls;
    }

    /** Without a token and without TLS: for loopback and tests. */
    public static SqlServer start(Supplier<QueryEngine> engines, String bind, int port) throws IOException {
        return start(engines, bind, port, ServerAccess.open());
    }

    /**
     * Opens a first engine with {@code engines} (so a warehouse it cannot read fails here), then starts listening on
     * {@code bind:port} (port 0 picks a free one).
     */
    public static SqlServer start(Supplier<QueryEngine> engines, String bind, int port, ServerAccess access)
            throws IOException {
        EnginePool pool = new EnginePool(engines.get(), engines, MAX_ENGINES);
        BufferAllocator allocator = new RootAllocator();
        WarehouseFlightSqlProducer producer;
        try {
            producer = new WarehouseFlightSqlProducer(pool, allocator);
        } catch (RuntimeException e) {
            pool.close();
            allocator.close();
            throw e;
        }
        Optional<TlsFiles> tls = access.tls();
        FlightServer.Builder builder = FlightServer.builder(allocator,
                tls.isPresent() ? Location.forGrpcTls(bind, port) : Location.forGrpcInsecure(bind, port), producer);
        if (tls.isPresent()) builder.useTls(tls.get().certificate().toFile(), tls.get().privateKey().toFile());
        if (access.requiresToken()) builder.headerAuthenticator(new TokenAuthenticator(access));
        builder.setMaxHeaderListSize(MAX_HEADER_BYTES).maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .transportHint("grpc.builderConsumer", (Consumer<NettyServerBuilder>) netty ->
                        netty.maxConnectionIdle(IDLE_MINUTES, TimeUnit.MINUTES));
        FlightServer server = builder.build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(server, producer, pool, allocator);
            throw e;
        }
        return new SqlServer(allocator, pool, producer, server, tls.isPresent());
    }

    public int port() {
        return server.getPort();
    }

    /** Prepared statements clients have not closed yet. */
    int openPreparedStatements() {
        return producer.openPreparedStatements();
    }

    /** The SQL the endpoint speaks ("DuckDB SQL", "Spark SQL"). */
    public String dialect() {
        return engines.first().dialect();
    }

    /** Engines opened so far (one per query answered at the same time, at most {@link #MAX_ENGINES}). */
    int openEngines() {
        return engines.size();
    }

    public String jdbcUrl(String host) {
        return "jdbc:arrow-flight-sql://" + host + ":" + port() + "?useEncryption=" + tls;
    }

    /** Blocks until the server is shut down (from another thread or a shutdown hook). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops the server; a second call (the shutdown hook after the command's own) does nothing. */
    @Override
    public void close() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) return;
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) server.close();
        closeQuietly(null, producer, engines, allocator);
    }

    private static void closeQuietly(FlightServer server, WarehouseFlightSqlProducer producer, EnginePool engines,
                                     BufferAllocator allocator) {
        try {
            if (server != null) server.close();
            producer.close();
        } catch (Exception ignored) {
            // closing after a failure: the original error matters
        }
        engines.close();
        allocator.close();
    }
}
