package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.duckdb.DuckDbQueryEngine;
import io.enginebench.pipeline.sql.spark.SparkQueryEngine;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code chunks} view in Spark's and DuckDB's dialects gives the same rows, edge cases of the arrays included. */
class ChunksViewTest {
    @Test
    void bothDialectsExplodeTheSameChunks(@TempDir Path tmp) throws Exception {
        SparkSession spark = SharedSpark.get();
        // offsets and tokens of equal length, tokens shorter, offsets shorter, empty, NULL arrays
        Dataset<Row> requests = spark.sql("""
                SELECT * FROM VALUES
                  ('a', 0L, array(10L, 25L, 45L), array(1, 2, 1), true),
                  ('a', 1L, array(5L, 7L, 12L), array(1, 1), false),
                  ('b', 0L, array(100L), array(3, 4), true),
                  ('b', 1L, array(), array(), true),
                  ('b', 2L, CAST(NULL AS ARRAY<BIGINT>), array(1), true),
                  ('c', 0L, array(1L, CAST(NULL AS BIGINT), 9L), CAST(NULL AS ARRAY<INT>), false)
                AS t(run_uid, request_index, chunk_offsets_ns, chunk_tokens, chunk_tokens_exact)
                """);
        Map<String, Dataset<Row>> base = new LinkedHashMap<>();
        for (String t : Tables.BASE) {
            base.put(t, t.equals(Tables.REQUESTS) ? requests
                    : spark.createDataFrame(List.of(), Tables.SCHEMAS.get(t)));
        }
        Warehouse.open(spark, tmp.toString()).commitSnapshot(base);
        String query = "SELECT * FROM chunks ORDER BY run_uid, request_index, chunk_index";
        PipelineSteps.on(() -> spark, tmp.toString()).views();
        List<List<Object>> onSpark = rows(new SparkQueryEngine(spark), query);
        List<List<Object>> onDuckDb;
        try (DuckDbQueryEngine duckdb = DuckDbQueryEngine.open(tmp.toString())) {
            onDuckDb = rows(duckdb, query);
        }
        assertThat(onSpark).hasSize(8);
        assertThat(onDuckDb).isEqualTo(onSpark);
        assertThat(onSpark.get(1)).containsExactly("a", 0L, 1, 25L, 2, true, 15L);
        assertThat(onSpark.get(5)).containsExactly("a", 1L, 2, 12L, null, false, 5L);
        assertThat(onSpark.get(7)).containsExactly("b", 0L, 1, null, 4, true, null);
    }

    private static List<List<Object>> rows(QueryEngine engine, String sql) {
        List<List<Object>> out = new ArrayList<>();
        try (QueryResult r = engine.query(sql)) {
            assertThat(r.columnNames()).containsExactly("run_uid", "request_index", "chunk_index", "offset_ns",
                    "tokens", "tokens_exact", "gap_ns");
            r.rows().forEachRemaining(row -> out.add(Arrays.asList(row)));
        }
        return out;
    }
}
