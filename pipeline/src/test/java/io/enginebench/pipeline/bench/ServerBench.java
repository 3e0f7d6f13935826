package io.enginebench.pipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench sql-server} timed as an analyst meets it: from starting the server process (through
 * {@code scripts/bench}) to the first answer a JDBC client gets, on a free port. The client runs in this JVM with the
 * Flight SQL driver already loaded, so the time is the server's; CPU is the server process's at that moment.
 */
final class ServerBench {
    private static final Pattern JDBC_URL = Pattern.compile("JDBC: (\\S+)\\s");

    /** {@code listeningSeconds}: from the start until the server printed its URL; the rest is the query's. */
    record Answer(double wallSeconds, double cpuSeconds, double listeningSeconds, int rows) {
        double querySeconds() {
            return wallSeconds - listeningSeconds;
        }
    }

    private ServerBench() {}

    static Answer firstAnswer(Path repo, Path work, String engine, Path wh, String sql) throws Exception {
        Class.forName("org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver");
        Path log = work.resolve("sql-server-" + engine + ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(List.of(repo.resolve("scripts/bench").toString(), "sql-server", "--engine",
                engine, "--port", "0", "--warehouse", wh.toString())).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String url = awaitUrl(p, log);
            double listening = (System.nanoTime() - start) / 1e9;
            int rows = 0;
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) rows++;
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
            return new Answer(wall, cpu, listening, rows);
        } finally {
            p.destroy();   // the server's shutdown hook closes it
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    /** The JDBC URL the server prints once it listens (the log is polled every 10 ms). */
    private static String awaitUrl(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("bench sql-server exited, see " + log);
            Matcher m = JDBC_URL.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) return m.group(1);
            Thread.sleep(10);
        }
        throw new IllegalStateException("bench sql-server printed no JDBC URL in 3 minutes, see " + log);
    }
}
