package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.TestWarehouse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flight SQL endpoint as a JDBC client sees it (the same path DBeaver takes). */
class SqlServerTest {
    @RegisterExtension
    static final TestSqlServer server = new TestSqlServer();

    private static Connection connect(String engine) throws SQLException {
        return server.connect(engine);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void listsWarehouseTablesThroughDatabaseMetaData(String engine) throws Exception {
        try (Connection c = connect(engine); ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
            }
            assertThat(tables).contains("runs", "requests", "chunks", "engine_metrics", "data_quality", "quarantine",
                    "run_summary");
        }
        try (Connection c = connect(engine); ResultSet rs = c.getMetaData().getColumns(null, null, "runs", "%")) {
            Map<String, Integer> columns = new LinkedHashMap<>();
            while (rs.next()) columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
            assertThat(columns).containsEntry("run_uid", java.sql.Types.VARCHAR)
                    .containsEntry("model_params_b", java.sql.Types.DOUBLE)
                    .containsEntry("timestamp", java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void joinWithAggregationReturnsTheRightValues(String engine) throws Exception {
        String sql = """
            SELECT u.engine, u.source, count(*) AS n, avg((r.first_token_ns - r.sent_ns) / 1e6) AS ttft_ms,
                   max(u.timestamp) AS started
            FROM requests r JOIN runs u ON u.run_uid = r.run_uid
            WHERE r.phase = 'measured' AND r.outcome = 'ok'
            GROUP BY u.engine, u.source ORDER BY u.source, u.engine
            """;
        try (Connection c = connect(engine); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString("engine") + "/" + rs.getString("source") + " n=" + rs.getLong("n")
                        + " ttft=" + Math.round(rs.getDouble("ttft_ms")) + " " + rs.getTimestamp("started").toInstant());
            }
            assertThat(rows).containsExactly(
                    "vllm/legacy-json n=3 ttft=90 2025-06-01T09:00:00Z",
                    "sglang/native n=2 ttft=43 2026-01-01T11:00:00Z",
                    "vllm/native n=3 ttft=137 2026-01-01T10:00:00Z");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void preparedStatementRunsAndCanBeReused(String engine) throws Exception {
        try (Connection c = connect(engine);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT request_index, cached_tokens FROM requests WHERE run_uid = '"
                             + TestWarehouse.NATIVE_VLLM + "' AND phase = 'measured' ORDER BY request_index")) {
            for (int round = 0; round < 2; round++) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(rs.getLong(1) + ":" + rs.getInt(2));
                }
                assertThat(rows).containsExactly("1:64", "2:0", "3:0", "4:0");
            }
            assertThat(server.server(engine).openPreparedStatements()).isPositive();
        }
        assertThat(server.server(engine).openPreparedStatements()).isZero(); // closing the statement released its plan
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void arraysComeBackAsJsonText(String engine) throws Exception {
        try (Connection c = connect(engine); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT chunk_tokens FROM requests WHERE run_uid = '"
                     + TestWarehouse.NATIVE_SGLANG + "' AND request_index = 0")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("[1,1,1]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void writesAndCommandsAreRefusedWithAClearError(String engine) throws Exception {
        List<String> refused = new ArrayList<>(List.of("DROP TABLE runs", "INSERT INTO runs SELECT * FROM runs",
                "CREATE TABLE t AS SELECT 1", "SET spark.sql.shuffle.partitions=1",
                "CREATE OR REPLACE TEMP VIEW runs AS SELECT 1", "UPDATE runs SET engine = 'x'", "DELETE FROM runs"));
        if (engine.equals("spark")) {
            refused.addAll(List.of("CACHE TABLE runs", "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
                    "SELECT * FROM runs WHERE run_uid IN (SELECT java_method('java.lang.String', 'valueOf', 1))"));
        } else {   // DuckDB's own ways out: files, other databases, extensions, settings
            refused.addAll(List.of("COPY runs TO '/tmp/enginebench-copy.csv'", "ATTACH '/tmp/enginebench.db' AS x",
                    "INSTALL httpfs", "LOAD httpfs", "PRAGMA enable_profiling", "EXPORT DATABASE '/tmp/enginebench-x'",
                    "CALL pragma_version()", "SET enable_external_access = true"));
        }
        try (Connection c = connect(engine); Statement st = c.createStatement()) {
            for (String sql : refused) {
                assertThatThrownBy(() -> st.executeQuery(sql)).as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only endpoint");
            }
            if (engine.equals("duckdb")) {   // a query, but of a file outside the warehouse
                assertThatThrownBy(() -> st.executeQuery("SELECT * FROM read_csv('/etc/passwd')"))
                        .isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no_such_table");
            // the views are intact
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM runs")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void serverInfoNamesTheEngineThatAnswers(String engine) throws Exception {
        try (Connection c = connect(engine)) {
            String product = c.getMetaData().getDatabaseProductName();
            String version = c.getMetaData().getDatabaseProductVersion();
            assertThat(product).contains(engine.equals("spark") ? "Spark SQL" : "DuckDB SQL");
            assertThat(version).startsWith(engine + " ").doesNotContain("unknown");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void twoClientsStreamingAtOnceEachGetTheirWholeResult(String engine) throws Exception {
        // 10^4 rows each, more than two Arrow batches: both streams are open at the same time
        String sql = """
            SELECT a.request_index * 1000 + b.request_index * 100 + c.request_index * 10 + d.request_index AS k
            FROM requests a, requests b, requests c, requests d
            """;
        long expectedSum = 0;
        try (Connection c = connect(engine); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) expectedSum += rs.getLong(1);
        }
        long sum = expectedSum;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                answers.add(clients.submit(() -> {
                    long total = 0;
                    for (int round = 0; round < 3; round++) {
                        try (Connection c = connect(engine); Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery(sql)) {
                            together.await(30, TimeUnit.SECONDS);   // both results open before either is read
                            long s = 0;
                            int rows = 0;
                            while (rs.next()) {
                                s += rs.getLong(1);
                                rows++;
                            }
                            assertThat(rows).isEqualTo(10_000);
                            assertThat(s).isEqualTo(sum);
                            total += rows;
                        }
                    }
                    return total;
                }));
            }
            for (Future<Long> a : answers) assertThat(a.get(2, TimeUnit.MINUTES)).isEqualTo(30_000);
        } finally {
            clients.shutdownNow();
        }
        assertThat(server.server(engine).openEngines()).isBetween(1, SqlServer.MAX_ENGINES);
    }
}
