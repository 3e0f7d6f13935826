package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.flightsql.SqlServer;
import io.enginebench.pipeline.sql.EngineChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bench sql-server}: the warehouse as a read-only Flight SQL endpoint (JDBC, DBeaver). Blocks until Ctrl-C. */
@Command(name = "sql-server", mixinStandardHelpOptions = true,
        description = "Serve the warehouse tables read-only over Arrow Flight SQL (JDBC: "
                + "jdbc:arrow-flight-sql://HOST:PORT?useEncryption=false). A non-loopback --bind needs --token-env "
                + "(JDBC token=… or password=…); add --tls-cert/--tls-key for useEncryption=true. Queries are in the "
                + "dialect of the engine that answers (--engine).")
public final class SqlServerCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "32010", description = "port; 0 picks a free one (default ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address to bind (default ${DEFAULT-VALUE}); anything else requires --token-env")
    String bind;
    @picocli.CommandLine.Mixin
    WarehouseOption warehouse;
    @picocli.CommandLine.Mixin
    EngineOption engine;
    @picocli.CommandLine.Mixin
    ServerAccessOptions accessOptions;

    @Override
    public Integer call() throws Exception {
        ServerAccess access = accessOptions.resolve();
        Optional<String> warning = access.checkBind(bind, "sql-server");  // before an engine starts: fail fast
        EngineChoice choice = engine.resolve(warehouse.path());
        SqlServer server = SqlServer.start(() -> SqlEngines.open(choice, warehouse.path(), "bench sql-server"), bind,
                port, access);
        Thread hook = new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sql-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        warning.ifPresent(spec.commandLine().getErr()::println);
        spec.commandLine().getOut().println("Flight SQL on " + bind + ":" + server.port() + " (" + server.dialect()
                + ")  JDBC: " + server.jdbcUrl(host) + (access.requiresToken() ? "&token=…" : "") + "  (Ctrl-C stops)");
        spec.commandLine().getOut().flush();
        try {
            server.awaitTermination();
        } finally {   // also when the thread running the command is interrupted (an embedding program stops it)
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it closes the server
            }
        }
        return 0;
    }
}
