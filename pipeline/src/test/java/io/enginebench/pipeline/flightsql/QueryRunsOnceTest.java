package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.ColumnInfo;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;
import io.enginebench.pipeline.sql.TestEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JDBC client describes a statement before it executes it: the server learns the result's columns without running
 * the query, so each execution runs it exactly once.
 */
class QueryRunsOnceTest {
    private static final String SQL = "SELECT engine, count(*) AS n FROM runs WHERE source = ? GROUP BY engine";

    /** The engine a test opens, counting the queries it runs and the statements it only describes. */
    private static final class Counting implements QueryEngine {
        final QueryEngine engine;
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger described = new AtomicInteger();

        Counting(QueryEngine engine) {
            this.engine = engine;
        }

        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public String dialect() {
            return engine.dialect();
        }

        @Override
        public QueryResult query(String sql, Object[] parameters) {
            runs.incrementAndGet();
            return engine.query(sql, parameters);
        }

        @Override
        public List<ResultColumn> columns(String sql, Object[] parameters) {
            described.incrementAndGet();
            return engine.columns(sql, parameters);
        }

        @Override
        public List<String> tableNames() {
            return engine.tableNames();
        }

        @Override
        public List<ColumnInfo> describe(String table) {
            return engine.describe(table);
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void aPreparedStatementRunsOnlyWhenExecuted(String name) throws Exception {
        Counting engine = new Counting(TestEngines.open(name));
        try (SqlServer server = SqlServer.start(() -> engine, "127.0.0.1", 0);
             Connection c = DriverManager.getConnection(server.jdbcUrl("127.0.0.1"))) {
            int before = engine.runs.get();   // the server asks the engine's version when it starts
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                assertThat(engine.runs.get()).as("queries run by preparing").isEqualTo(before);
                assertThat(engine.described.get()).isEqualTo(1);
                ps.setString(1, "native");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("n");
                    long total = 0;
                    while (rs.next()) total += rs.getLong("n");
                    assertThat(total).isEqualTo(2);
                }
                assertThat(engine.runs.get()).as("queries run by one execution").isEqualTo(before + 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void aStatementRunsOnce(String name) throws Exception {
        Counting engine = new Counting(TestEngines.open(name));
        try (SqlServer server = SqlServer.start(() -> engine, "127.0.0.1", 0);
             Connection c = DriverManager.getConnection(server.jdbcUrl("127.0.0.1"))) {
            int before = engine.runs.get();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) AS n FROM runs")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("n")).isPositive();
            }
            assertThat(engine.runs.get()).as("queries run by one statement").isEqualTo(before + 1);
        }
    }
}
