package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.TestWarehouse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A Flight SQL endpoint on loopback over the {@link TestWarehouse}, started before a test class and closed after it
 * ({@code @RegisterExtension static final TestSqlServer server = new TestSqlServer();}).
 */
final class TestSqlServer implements BeforeAllCallback, AfterAllCallback {
    private SqlServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = SqlServer.start(SharedSpark.get(), new TestWarehouse(), "127.0.0.1", 0);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** A JDBC connection through the Arrow Flight SQL driver, without TLS or authentication. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("127.0.0.1"));
    }

    SqlServer server() {
        return server;
    }
}
