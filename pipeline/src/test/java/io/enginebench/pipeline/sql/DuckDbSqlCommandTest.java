package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.sql.SqlCommandTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench sql} on a local warehouse: DuckDB by default, the same output as on Spark. */
class DuckDbSqlCommandTest {
    private static Result run(String... args) {
        return SqlCommandTest.execute(args);
    }

    private static String warehouse() {
        return ParquetTestWarehouse.root().toString();
    }

    @Test
    void aLocalWarehouseIsQueriedWithDuckDbAndPrintsAsOnSpark() {
        String query = "SELECT engine, count(*) AS n, round(avg(model_params_b), 1) AS b FROM runs GROUP BY engine "
                + "ORDER BY engine";
        Result duck = run("sql", "--warehouse", warehouse(), query);
        assertThat(duck.code()).isZero();
        assertThat(duck.out()).isEqualTo("""
                engine | n | b
                -------+---+--
                sglang | 1 | 8
                vllm   | 2 | 8
                (2 rows)
                """);
        assertThat(run("sql", "--warehouse", warehouse(), "--engine", "duckdb", query).out()).isEqualTo(duck.out());
        ParquetTestWarehouse.sparkWithViews();
        assertThat(run("sql", "--warehouse", warehouse(), "--engine", "spark", query).out()).isEqualTo(duck.out());
    }

    @Test
    void exportsEveryRowAsCsvOrJsonAndRunsScripts(@TempDir Path tmp) throws Exception {
        String query = "SELECT run_uid, request_index, chunk_offsets_ns FROM requests ORDER BY run_uid, request_index";
        Result csv = run("sql", "--warehouse", warehouse(), "--format", "csv", query);
        assertThat(csv.out().lines()).hasSize(11).element(1)
                .isEqualTo(TestWarehouse.NATIVE_VLLM + ",0,\"[20000000,30000000,40000000,50000000]\"");
        Result json = run("sql", "--warehouse", warehouse(), "--format", "json", "SELECT 'a;b' AS s, 1 AS n");
        assertThat(json.out().trim()).isEqualTo("{\"s\":\"a;b\",\"n\":1}");
        Path f = tmp.resolve("q.sql");
        Files.writeString(f, "SELECT count(*) FROM runs; -- a comment; here\nSELECT s, n FROM (VALUES ('a;b', 1)) t(s, n);\n");
        assertThat(run("sql", "--warehouse", warehouse(), "-f", f.toString(), "--format", "csv").out())
                .isEqualTo("s,n\na;b,1\n");
    }

    @Test
    void writesAndFilesOutsideTheWarehouseAreOneLineErrors() {
        Result copy = run("sql", "--warehouse", warehouse(), "COPY runs TO '/tmp/runs.csv'");
        assertThat(copy.code()).isEqualTo(2);
        assertThat(copy.err()).isEqualTo(
                "bench-pipeline sql: sql: read-only endpoint: only queries are allowed (got COPY)\n");
        Result file = run("sql", "--warehouse", warehouse(), "SELECT * FROM read_csv('/etc/passwd')");
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err().lines()).hasSize(1);
        assertThat(file.err()).contains("/etc/passwd");
    }

    @Test
    void errorsNameTheMissingTablesCommandOrTheOtherDialect(@TempDir Path tmp) {
        Result derived = run("sql", "--warehouse", tmp.toString(), "SELECT * FROM goodput");
        assertThat(derived.code()).isEqualTo(2);
        assertThat(derived.err().lines()).hasSize(1);
        assertThat(derived.err()).contains("`goodput` is a derived table", "run `bench analyze`");
        Result spark = run("sql", "--warehouse", tmp.toString(), "SELECT date_format(timestamp, 'yyyy') FROM runs");
        assertThat(spark.code()).isEqualTo(2);
        assertThat(spark.err().lines()).hasSize(1);
        assertThat(spark.err()).endsWith("(DuckDB SQL; run with --engine spark for Spark SQL)\n");
    }

    @Test
    void helpStatesTheDialectOfEachPath() {
        String help = run("sql", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("DuckDB SQL", "Spark SQL", "--engine", "auto, duckdb or spark");
    }
}
