package io.enginebench.dashboard;

import io.enginebench.dashboard.http.ConnectionLimits;
import io.enginebench.pipeline.access.ServerAccess;

import java.nio.file.Path;
import java.util.List;

/**
 * Where {@code bench serve} listens, what it reads and who may use it.
 *
 * @param port           0 picks a free port
 * @param windowS        length of the sliding window of the live statistics, seconds
 * @param pollMs         how often the results folder is read
 * @param access         token and TLS files (none by default: loopback only)
 * @param allowedOrigins web origins besides the dashboard's own that may call it ({@code scheme://host[:port]})
 * @param limits         request sizes and the idle timeout
 */
public record DashboardConfig(String bind, int port, Path resultsDir, Path warehouseDir, Path reportsDir,
                              double windowS, long pollMs, ServerAccess access, List<String> allowedOrigins,
                              ConnectionLimits limits) {
    public DashboardConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static DashboardConfig defaults() {
        return new DashboardConfig("127.0.0.1", 3000, Path.of("raw-results"), Path.of("warehouse"), Path.of("reports"),
                10.0, 250, ServerAccess.open(), List.of(), ConnectionLimits.DEFAULT);
    }

    public DashboardConfig withPort(int p) {
        return new DashboardConfig(bind, p, resultsDir, warehouseDir, reportsDir, windowS, pollMs, access,
                allowedOrigins, limits);
    }

    public DashboardConfig withBind(String address) {
        return new DashboardConfig(address, port, resultsDir, warehouseDir, reportsDir, windowS, pollMs, access,
                allowedOrigins, limits);
    }

    public DashboardConfig withDirs(Path results, Path warehouse, Path reports) {
        return new DashboardConfig(bind, port, results, warehouse, reports, windowS, pollMs, access, allowedOrigins,
                limits);
    }

    public DashboardConfig withAccess(ServerAccess a, List<String> origins) {
        return new DashboardConfig(bind, port, resultsDir, warehouseDir, reportsDir, windowS, pollMs, a, origins,
                limits);
    }

    public DashboardConfig withLimits(ConnectionLimits l) {
        return new DashboardConfig(bind, port, resultsDir, warehouseDir, reportsDir, windowS, pollMs, access,
                allowedOrigins, l);
    }
}
