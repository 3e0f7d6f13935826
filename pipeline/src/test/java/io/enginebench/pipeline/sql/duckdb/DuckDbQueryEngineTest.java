package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.sql.ColumnInfo;
import io.enginebench.pipeline.sql.ParquetTestWarehouse;
import io.enginebench.pipeline.sql.PlainType;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ReadOnlyViolation;
import io.enginebench.pipeline.sql.ResultColumn;
import io.enginebench.pipeline.sql.SqlError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DuckDbQueryEngineTest {
    private static DuckDbQueryEngine engine;

    @BeforeAll
    static void open() {
        engine = DuckDbQueryEngine.open(ParquetTestWarehouse.root().toString());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static List<Object[]> rows(String sql) {
        try (QueryResult r = engine.query(sql)) {
            List<Object[]> out = new ArrayList<>();
            r.rows().forEachRemaining(out::add);
            return out;
        }
    }

    @Test
    void offersTheWarehousesViewsWithTheirCanonicalColumns() {
        assertThat(engine.tableNames()).containsExactly("chunks", "data_quality", "data_quality_summary",
                "engine_metrics", "prefix_cache", "quarantine", "requests", "run_summary", "runs");
        List<ColumnInfo> runs = engine.describe("runs");
        assertThat(runs.stream().map(ColumnInfo::name).toList()).startsWith("run_uid", "run_id", "source")
                .endsWith("epoch_unix_ns").hasSize(BaseTableColumns.of(
                        io.enginebench.pipeline.warehouse.WarehouseTable.RUNS).size());
        assertThat(rows("SELECT count(*) FROM requests").get(0)[0]).isEqualTo(10L);
        // a column the test warehouse never had is NULL of its type, as on Spark
        assertThat(rows("SELECT count(queue_wait_ns) FROM requests").get(0)[0]).isEqualTo(0L);
    }

    @Test
    void valuesArePlainJavaValues() {
        try (QueryResult r = engine.query("SELECT timestamp, engine, iteration, model_params_b, simulated, "
                + "sum(request_count) OVER () AS total, [1, 2] AS list, 1.50::DECIMAL(5, 2) AS d "
                + "FROM runs WHERE engine = 'sglang'")) {
            assertThat(r.columns()).extracting(ResultColumn::type).containsExactly(PlainType.TIMESTAMP,
                    PlainType.STRING, PlainType.INT, PlainType.DOUBLE, PlainType.BOOLEAN, PlainType.LONG,
                    PlainType.STRING, PlainType.DECIMAL);
            Object[] row = r.rows().next();
            assertThat(row[0]).isEqualTo(Timestamp.from(java.time.Instant.parse("2026-01-01T11:00:00Z")));
            assertThat(row).containsSequence("sglang", 1, 8.0, false, 4L, "[1,2]");
            assertThat(row[7]).isEqualTo(new java.math.BigDecimal("1.50"));
        }
    }

    @Test
    void takesPositionalParameters() {
        try (QueryResult r = engine.query("SELECT count(*) FROM requests WHERE run_uid = ? AND request_index >= ?",
                new Object[] {io.enginebench.pipeline.sql.TestWarehouse.NATIVE_VLLM, 2L})) {
            assertThat(r.rows().next()[0]).isEqualTo(3L);
        }
    }

    @Test
    void describesAQueryWithoutRunningIt() {
        String failsWhenRun = "SELECT engine, CASE WHEN engine IS NOT NULL THEN error('it ran') END AS e FROM runs";
        assertThatThrownBy(() -> rows(failsWhenRun)).isInstanceOf(SqlError.class).hasMessageContaining("it ran");
        assertThat(engine.columns(failsWhenRun, new Object[0])).extracting(ResultColumn::name)
                .containsExactly("engine", "e");

        String sql = "SELECT run_uid, count(*) AS n, sum(CAST(request_index AS DECIMAL(10,2))) AS d FROM requests"
                + " WHERE request_index >= ? GROUP BY run_uid";
        try (QueryResult ran = engine.query(sql, new Object[] {2L})) {
            assertThat(engine.columns(sql, new Object[] {2L})).isEqualTo(ran.columns());
        }
        assertThatThrownBy(() -> engine.columns("DELETE FROM runs", new Object[0]))
                .isInstanceOf(ReadOnlyViolation.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"COPY runs TO '/tmp/x.parquet'", "EXPORT DATABASE '/tmp/x'", "ATTACH '/tmp/x.db' AS x",
            "INSTALL httpfs", "LOAD httpfs", "CREATE TABLE t AS SELECT 1", "CREATE MACRO f(x) AS x",
            "CREATE VIEW v AS SELECT 1", "INSERT INTO runs SELECT * FROM runs", "UPDATE runs SET engine = 'x'",
            "DELETE FROM runs", "DROP VIEW runs", "SET enable_external_access = true",
            "RESET lock_configuration", "PRAGMA version", "CALL pragma_version()", "EXPLAIN SELECT 1",
            "CHECKPOINT", "DETACH memory", "USE memory", "-- why\nCOPY runs TO 'x'"})
    void refusesAnythingButAQuery(String statement) {
        String keyword = statement.replaceFirst("(?s)^--[^\n]*\n", "").split(" ")[0];
        assertThatThrownBy(() -> engine.query(statement)).isInstanceOf(ReadOnlyViolation.class)
                .hasMessage("read-only endpoint: only queries are allowed (got " + keyword + ")");
    }

    @Test
    void refusesTwoStatementsAtOnceAndAnEmptyOne() {
        assertThatThrownBy(() -> engine.query("SELECT 1; SELECT 2")).isInstanceOf(ReadOnlyViolation.class)
                .hasMessageContaining("one statement");
        assertThatThrownBy(() -> engine.query(" ;")).isInstanceOf(ReadOnlyViolation.class);
        assertThat(rows("SELECT 42;").get(0)[0]).isEqualTo(42);
    }

    @Test
    void readsNoFileOutsideTheWarehouse(@TempDir Path tmp) throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.csv"), "a\n1\n");
        for (String q : List.of("SELECT * FROM read_csv('" + outside + "')", "SELECT * FROM '" + outside + "'",
                "SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM read_csv('/etc/passwd')",
                "SELECT * FROM glob('/etc/*')", "SELECT * FROM read_parquet('https://example.com/x.parquet')")) {
            assertThatThrownBy(() -> rows(q)).as(q).isInstanceOf(SqlError.class)
                    .hasMessageNotContaining("\n");
        }
        // the warehouse's own files stay readable: the views read them
        assertThat(rows("SELECT count(*) FROM read_parquet('" + ParquetTestWarehouse.root()
                + "/derived/run_summary/*.parquet')").get(0)[0]).isEqualTo(3L);
        assertThat(rows("SELECT current_setting('enable_external_access'), current_setting('lock_configuration')")
                .get(0)).containsExactly(false, true);
    }

    @Test
    void aSparkOnlyFunctionNamesTheEngineToUse() {
        assertThatThrownBy(() -> engine.query("SELECT date_format(timestamp, 'yyyy') FROM runs"))
                .isInstanceOf(SqlError.class).hasMessageContaining("date_format")
                .hasMessageEndingWith("(DuckDB SQL; run with --engine spark for Spark SQL)");
        assertThatThrownBy(() -> engine.query("SELECT * FROM runs LATERAL VIEW explode(array(1)) t AS x"))
                .isInstanceOf(SqlError.class).hasMessageStartingWith("syntax error: ")
                .hasMessageEndingWith("(DuckDB SQL; run with --engine spark for Spark SQL)");
    }

    @Test
    void missingTablesNameTheCommandThatCreatesThem(@TempDir Path empty) {
        try (DuckDbQueryEngine e = DuckDbQueryEngine.open(empty.resolve("none").toString())) {
            assertThat(e.tableNames()).containsExactly("data_quality", "engine_metrics", "quarantine", "requests",
                    "runs");
            try (QueryResult r = e.query("SELECT count(*) FROM runs")) {
                assertThat(r.rows().next()[0]).isEqualTo(0L);
            }
            assertThatThrownBy(() -> e.query("SELECT * FROM goodput")).isInstanceOf(SqlError.class)
                    .hasMessage("`goodput` is a derived table and this warehouse has not been analysed: "
                            + "run `bench analyze` to create it");
            assertThatThrownBy(() -> e.query("SELECT * FROM chunks")).isInstanceOf(SqlError.class)
                    .hasMessage("`chunks` is not in this warehouse: run `bench ingest` first");
        }
    }
}
