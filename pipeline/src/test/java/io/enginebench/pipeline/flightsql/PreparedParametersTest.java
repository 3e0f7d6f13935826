package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.TestWarehouse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prepared statements with {@code ?} parameters through the JDBC driver: how BI tools and notebooks send filters. */
class PreparedParametersTest {
    @RegisterExtension
    static final TestSqlServer server = new TestSqlServer();

    private static Connection connect(String engine) throws SQLException {
        return server.connect(engine);
    }

    private static List<String> rows(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void parametersOfSeveralTypesFilterAndCanBeRebound(String engine) throws Exception {
        try (Connection c = connect(engine);
             PreparedStatement ps = c.prepareStatement("SELECT request_index FROM requests WHERE run_uid = ? "
                     + "AND phase = ? AND cached_tokens >= ? ORDER BY request_index")) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(3);
            ps.setString(1, TestWarehouse.NATIVE_VLLM);
            ps.setString(2, "measured");
            ps.setInt(3, 0);
            assertThat(rows(ps)).containsExactly("1", "2", "3", "4");
            ps.setInt(3, 1);
            assertThat(rows(ps)).containsExactly("1");
            ps.setString(1, TestWarehouse.NATIVE_SGLANG);
            ps.setInt(3, 0);
            assertThat(rows(ps)).containsExactly("0", "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void doublesInListsAndLimits(String engine) throws Exception {
        try (Connection c = connect(engine);
             PreparedStatement ps = c.prepareStatement("SELECT engine FROM runs WHERE model_params_b > ? "
                     + "AND source IN (?, ?) ORDER BY timestamp LIMIT ?")) {
            ps.setDouble(1, 1.5);
            ps.setString(2, "native");
            ps.setString(3, "legacy-json");
            ps.setLong(4, 2);
            assertThat(rows(ps)).containsExactly("vllm", "vllm");
            ps.setString(3, "none");
            ps.setLong(4, 5);
            assertThat(rows(ps)).containsExactly("vllm", "sglang");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void timestampsAndBooleans(String engine) throws Exception {
        try (Connection c = connect(engine);
             PreparedStatement ps = c.prepareStatement("SELECT engine FROM runs WHERE timestamp >= ? "
                     + "AND simulated = ? ORDER BY timestamp")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2026-01-01T10:30:00Z")));
            ps.setBoolean(2, false);
            assertThat(rows(ps)).containsExactly("sglang");
            ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2025-01-01T00:00:00Z")));
            assertThat(rows(ps)).containsExactly("vllm", "vllm", "sglang");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void aStatementWithParametersStaysReadOnly(String engine) throws Exception {
        try (Connection c = connect(engine)) {
            assertThatThrownBy(() -> c.prepareStatement("DROP VIEW IF EXISTS ?")).isInstanceOf(SQLException.class);
        }
    }
}
