package io.enginebench.dashboard;

import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench serve}: the dashboard; blocks until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard: live view of running benchmarks and a browser for stored results.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "3000", description = "TCP port (0 picks a free one). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only)")
    String bind;

    @Option(names = "--results", defaultValue = "raw-results", description = "Run folders. Default: ${DEFAULT-VALUE}")
    Path results;

    @Option(names = "--warehouse", defaultValue = "warehouse", description = "Warehouse. Default: ${DEFAULT-VALUE}")
    Path warehouse;

    @Option(names = "--reports", defaultValue = "reports", description = "Reports folder. Default: ${DEFAULT-VALUE}")
    Path reports;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UserFacingException("--port must be 0..65535, got " + port);
        DashboardConfig cfg = DashboardConfig.defaults().withDirs(results, warehouse, reports).withPort(port);
        cfg = new DashboardConfig(bind, cfg.port(), cfg.resultsDir(), cfg.warehouseDir(), cfg.reportsDir(),
                cfg.windowS(), cfg.pollMs());
        DashboardServer server;
        try {
            server = DashboardServer.start(cfg);
        } catch (RuntimeException e) {
            throw new UserFacingException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dashboard-shutdown"));
        System.out.println("dashboard at " + server.url() + " (Ctrl-C to stop)");
        server.awaitClose();
        return 0;
    }
}
