package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.flightsql.SqlServer;
import io.enginebench.pipeline.spark.Sessions;
import io.enginebench.pipeline.sql.WarehouseViews;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code bench sql-server}: the warehouse as a read-only Flight SQL endpoint (JDBC, DBeaver). Blocks until Ctrl-C. */
@Command(name = "sql-server", mixinStandardHelpOptions = true,
        description = "Serve the warehouse tables read-only over Arrow Flight SQL (JDBC: "
                + "jdbc:arrow-flight-sql://HOST:PORT?useEncryption=false). No authentication: keep it on loopback.")
public final class SqlServerCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "32010", description = "port; 0 picks a free one (default ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address to bind (default ${DEFAULT-VALUE}); anything else exposes the data unauthenticated")
    String bind;
    @picocli.CommandLine.Mixin
    WarehouseOption warehouse;

    @Override
    public Integer call() throws Exception {
        WarehouseViews views = SqlAccess.warehouseViews(warehouse.path());
        SparkSession spark = Sessions.getOrCreate("bench sql-server");
        SqlServer server = SqlServer.start(spark, views, bind, port);
        Thread hook = new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sql-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        spec.commandLine().getOut().println("Flight SQL on " + bind + ":" + server.port() + "  JDBC: "
                + server.jdbcUrl(host) + "  (Ctrl-C stops)");
        spec.commandLine().getOut().flush();
        server.awaitTermination();
        return 0;
    }
}
