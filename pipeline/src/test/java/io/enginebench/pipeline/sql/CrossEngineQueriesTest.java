package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.bench.SqlBench;
import io.enginebench.pipeline.notebook.Cell;
import io.enginebench.pipeline.notebook.Notebook;
import io.enginebench.pipeline.sql.duckdb.DuckDbQueryEngine;
import io.enginebench.pipeline.sql.spark.SparkQueryEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The same analyst questions, and every committed notebook, asked of both engines over one warehouse on disk: same
 * columns, same rows, numbers within 1e-9 relative, NULLs equal.
 */
class CrossEngineQueriesTest {
    private static final double RELATIVE = 1e-9;

    static final List<String> QUERIES = List.of(
            // the benchmark's question: TTFT p99 per engine and scenario over successful requests
            SqlBench.TTFT_P99,
            """
            SELECT c.run_uid, count(*) AS chunks, sum(c.tokens) AS tokens, sum(c.gap_ns) AS gap_ns,
                   count(c.gap_ns) AS gaps, min(c.offset_ns) AS first_offset, max(c.chunk_index) AS last_index,
                   avg(c.gap_ns / 1e6) AS gap_ms_mean
            FROM chunks c GROUP BY c.run_uid ORDER BY c.run_uid
            """,
            """
            SELECT run_uid, percentile(gap_ns / 1e6, 0.5) AS p50, percentile(gap_ns / 1e6, 0.9) AS p90,
                   percentile(gap_ns / 1e6, 0.5) FILTER (WHERE chunk_index >= 2) AS p50_late,
                   percentile(offset_ns, 0.25) AS offset_p25
            FROM chunks GROUP BY run_uid ORDER BY run_uid
            """,
            """
            SELECT engine_group, source, round(avg(ttft_ms_p50), 2) AS ttft_ms_p50, max(ttft_ms_p99) AS ttft_ms_p99,
                   sum(requests_ok) AS ok, min(timestamp) AS first_run
            FROM run_summary GROUP BY engine_group, source ORDER BY engine_group, source
            """,
            """
            SELECT run_uid, request_index,
                   CASE WHEN outcome = 'ok' THEN 'ok' WHEN outcome = 'timeout' THEN 'late' ELSE 'failed' END AS status,
                   row_number() OVER (PARTITION BY run_uid ORDER BY request_index) AS n,
                   sum(completion_tokens) OVER (PARTITION BY run_uid ORDER BY request_index
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS tokens_so_far,
                   lag(first_token_ns) OVER (PARTITION BY run_uid ORDER BY request_index) AS previous_first_token_ns
            FROM requests ORDER BY run_uid, request_index
            """,
            """
            SELECT count(*) FILTER (WHERE outcome = 'ok') AS ok,
                   avg(first_token_ns - sent_ns) FILTER (WHERE phase = 'measured') AS ttft_ns_mean,
                   count_if(cached_tokens > 0) AS cached, sum(cached_tokens) AS cached_tokens
            FROM requests
            """,
            """
            SELECT run_uid, first(error, true) AS error, try_divide(sum(cached_tokens), sum(prompt_tokens)) AS share,
                   try_divide(1, 0) AS nothing, max_by(request_index, first_token_ns) AS slowest
            FROM requests GROUP BY run_uid ORDER BY run_uid
            """,
            """
            SELECT name, count(*) AS samples, max(value) - min(value) AS span, `source`
            FROM engine_metrics GROUP BY name, `source` ORDER BY name, `source`
            """);

    private static DuckDbQueryEngine duckdb;
    private static SparkQueryEngine spark;

    @BeforeAll
    static void open() {
        duckdb = DuckDbQueryEngine.open(ParquetTestWarehouse.root().toString());
        spark = new SparkQueryEngine(ParquetTestWarehouse.sparkWithViews());
    }

    @AfterAll
    static void close() {
        duckdb.close();
    }

    @Test
    void bothEnginesOfferTheSameTables() {
        assertThat(duckdb.tableNames()).isEqualTo(spark.tableNames());
        for (String t : duckdb.tableNames()) {
            assertThat(duckdb.describe(t).stream().map(ColumnInfo::name).toList()).as(t)
                    .isEqualTo(spark.describe(t).stream().map(ColumnInfo::name).toList());
        }
    }

    @Test
    void analystQueriesGiveTheSameAnswers() {
        for (String q : QUERIES) assertSameAnswer(q, false);
    }

    @Test
    void everyTableCountsAndReadsInFullTheSame() {
        for (String t : duckdb.tableNames()) {
            assertSameAnswer("SELECT count(*) AS n FROM " + t, false);
            int columns = duckdb.describe(t).size();
            StringBuilder order = new StringBuilder();
            for (int i = 1; i <= columns; i++) order.append(i > 1 ? ", " : "").append(i).append(" NULLS FIRST");
            assertSameAnswer("SELECT * FROM " + t + " ORDER BY " + order, false);
        }
    }

    @Test
    void everyNotebookGivesTheSameAnswers() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(Path.of("..", "notebooks"))) {
            notebooks = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(notebooks).isNotEmpty();
        int cells = 0;
        for (Path file : notebooks) {
            Notebook nb = Notebook.parse(file.getFileName().toString(), Files.readString(file));
            for (Cell cell : nb.cells()) {
                if (cell instanceof Cell.Sql sql && sql.hasStatement()) {
                    assertSameAnswer(sql.statement(), true);
                    cells++;
                }
            }
        }
        assertThat(cells).isGreaterThan(notebooks.size());
    }

    /** Runs {@code sql} on both engines; rows compared in order, or sorted when the query leaves ties. */
    private static void assertSameAnswer(String sql, boolean sortRows) {
        Answer d = Answer.of(duckdb, sql);
        Answer s = Answer.of(spark, sql);
        assertThat(d.columns).as(sql).isEqualTo(s.columns);
        assertThat(d.rows).as(sql).hasSameSizeAs(s.rows);
        List<Object[]> dr = sortRows ? sorted(d.rows) : d.rows;
        List<Object[]> sr = sortRows ? sorted(s.rows) : s.rows;
        for (int r = 0; r < dr.size(); r++) {
            for (int c = 0; c < d.columns.size(); c++) {
                Object a = dr.get(r)[c];
                Object b = sr.get(r)[c];
                if (!same(a, b)) {
                    fail("row %d, column %s: DuckDB %s, Spark %s%n%s", r, d.columns.get(c), a, b, sql);
                }
            }
        }
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if (a instanceof Number x && b instanceof Number y) {
            double p = new BigDecimal(x.toString()).doubleValue();
            double q = new BigDecimal(y.toString()).doubleValue();
            return p == q || Math.abs(p - q) <= RELATIVE * Math.max(Math.abs(p), Math.abs(q));
        }
        return a.equals(b);
    }

    private static List<Object[]> sorted(List<Object[]> rows) {
        List<Object[]> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(CrossEngineQueriesTest::sortKey));
        return out;
    }

    private static String sortKey(Object[] row) {
        return String.join("|", Arrays.stream(row).map(v -> v instanceof Number n
                ? String.format(Locale.ROOT, "%.6g", new BigDecimal(n.toString()).doubleValue())
                : String.valueOf(v)).toList());
    }

    private record Answer(List<String> columns, List<Object[]> rows) {
        static Answer of(QueryEngine engine, String sql) {
            try (QueryResult r = engine.query(sql)) {
                List<Object[]> rows = new ArrayList<>();
                r.rows().forEachRemaining(rows::add);
                return new Answer(r.columnNames(), rows);
            } catch (SqlError e) {
                throw new AssertionError(engine.name() + ": " + e.getMessage() + "\n" + sql, e);
            }
        }
    }
}
