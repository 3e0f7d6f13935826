package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.TestEngines;
import io.enginebench.pipeline.sql.TestWarehouse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Flight SQL endpoint on loopback over the {@link TestWarehouse} per engine, started on a test class's first use of
 * that engine and closed after the class ({@code @RegisterExtension static final TestSqlServer server = new
 * TestSqlServer();}, test methods parameterised by {@link TestEngines#NAMES}).
 */
final class TestSqlServer implements AfterAllCallback {
    private final Map<String, SqlServer> servers = new LinkedHashMap<>();

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        for (SqlServer s : servers.values()) s.close();
        servers.clear();
    }

    /** A JDBC connection through the Arrow Flight SQL driver, without TLS or authentication. */
    Connection connect(String engine) throws SQLException {
        return DriverManager.getConnection(server(engine).jdbcUrl("127.0.0.1"));
    }

    synchronized SqlServer server(String engine) {
        return servers.computeIfAbsent(engine, name -> {
            try {
                return SqlServer.start(() -> TestEngines.open(name), "127.0.0.1", 0);
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
    }
}
