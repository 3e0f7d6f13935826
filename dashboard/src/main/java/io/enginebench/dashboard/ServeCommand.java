package io.enginebench.dashboard;

import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.cli.ServerAccessOptions;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bench serve}: the dashboard; blocks until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard: live view of running benchmarks and a browser for stored results. "
                + "A non-loopback --bind needs --token-env (or an SSH tunnel to 127.0.0.1).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "3000", description = "TCP port (0 picks a free one). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only); anything else "
                    + "requires --token-env")
    String bind;

    @Option(names = "--results", defaultValue = "raw-results", description = "Run folders. Default: ${DEFAULT-VALUE}")
    Path results;

    @Option(names = "--warehouse", defaultValue = "warehouse", description = "Warehouse. Default: ${DEFAULT-VALUE}")
    Path warehouse;

    @Option(names = "--reports", defaultValue = "reports", description = "Reports folder. Default: ${DEFAULT-VALUE}")
    Path reports;

    @Option(names = "--allowed-origin", paramLabel = "URL",
            description = "a web origin (scheme://host[:port]) besides the dashboard's own that may call it, e.g. a "
                    + "reverse proxy's public address (repeatable)")
    List<String> allowedOrigins = new ArrayList<>();

    @Mixin
    ServerAccessOptions accessOptions;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UserFacingException("--port must be 0..65535, got " + port);
        ServerAccess access = accessOptions.resolve();
        Optional<String> warning = access.checkBind(bind, "serve");
        DashboardConfig cfg = DashboardConfig.defaults().withDirs(results, warehouse, reports).withPort(port)
                .withBind(bind).withAccess(access, allowedOrigins);
        DashboardServer server;
        try {
            server = DashboardServer.start(cfg);
        } catch (UserFacingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserFacingException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dashboard-shutdown"));
        warning.ifPresent(System.err::println);
        System.out.println("dashboard at " + server.url() + (access.requiresToken() ? " (sign in with the token)" : "")
                + " (Ctrl-C to stop)");
        server.awaitClose();
        return 0;
    }
}
