package io.enginebench.dashboard;

import java.nio.file.Path;

/**
 * Where {@code bench serve} listens and what it reads.
 *
 * @param port      0 picks a free port
 * @param windowS   length of the sliding window of the live statistics, seconds
 * @param pollMs    how often the results folder is read
 */
public record DashboardConfig(String bind, int port, Path resultsDir, Path warehouseDir, Path reportsDir,
                              double windowS, long pollMs) {
    public static DashboardConfig defaults() {
        return new DashboardConfig("127.0.0.1", 3000, Path.of("raw-results"), Path.of("warehouse"), Path.of("reports"),
                10.0, 250);
    }

    public DashboardConfig withPort(int p) {
        return new DashboardConfig(bind, p, resultsDir, warehouseDir, reportsDir, windowS, pollMs);
    }

    public DashboardConfig withDirs(Path results, Path warehouse, Path reports) {
        return new DashboardConfig(bind, port, results, warehouse, reports, windowS, pollMs);
    }
}
