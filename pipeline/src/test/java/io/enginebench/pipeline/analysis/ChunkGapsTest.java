package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link ChunkGaps} against the definition in SQL: one row per gap, Spark's aggregates and percentile(). */
class ChunkGapsTest {
    private static final StructType REQUESTS = new StructType()
            .add("run_uid", DataTypes.StringType).add("phase", DataTypes.StringType)
            .add("outcome", DataTypes.StringType).add("level_index", DataTypes.IntegerType)
            .add("arm", DataTypes.StringType)
            .add("chunk_offsets_ns", DataTypes.createArrayType(DataTypes.LongType, true))
            .add("chunk_tokens", DataTypes.createArrayType(DataTypes.IntegerType, true))
            .add("chunk_tokens_exact", DataTypes.BooleanType);

    // METRICS.md: a gap is a chunk's offset minus the previous chunk's, of ok measured requests; per token when the
    // chunk carried tokens and the engine counted them (chunk_tokens_exact). The histogram bins run from each run's
    // min to its p99.
    private static final String GAPS = """
            SELECT run_uid, level_index, arm, c.chunk_offsets_ns - GET(chunk_offsets_ns, pos - 1) AS gap_ns,
                   IF(chunk_tokens_exact, c.chunk_tokens, NULL) AS tokens
            FROM requests LATERAL VIEW POSEXPLODE(ARRAYS_ZIP(chunk_offsets_ns, chunk_tokens)) t AS pos, c
            WHERE phase = 'measured' AND outcome = 'ok'
            """;
    private static final String VALUES = "SELECT run_uid, level_index, arm, gap_ns / 1e6 AS v, "
            + "CASE WHEN tokens > 0 THEN gap_ns / 1e6 / tokens END AS vt FROM gaps WHERE gap_ns IS NOT NULL";
    private static final String AGGREGATES = "COUNT(v) AS n, AVG(v) AS mean, "
            + "CASE WHEN COUNT(v) >= 2 THEN STDDEV_SAMP(v) END AS sd, MIN(v) AS min, MAX(v) AS max, "
            + "PERCENTILE(v, ARRAY(0.5, 0.9, 0.95, 0.99)) AS pct, PERCENTILE(vt, ARRAY(0.5, 0.99)) AS per_token";

    /** Runs of a few hundred requests: levels (one null), two arms on some, warm-up and failed requests mixed in. */
    private static Dataset<Row> randomRequests(long seed) {
        return randomRows(seed).repartition(3);   // every run spread over three tasks
    }

    /** The same requests, each run in one task (as runs are stored): computed where read, no shuffle. */
    private static Dataset<Row> contiguousRequests(long seed) {
        return randomRows(seed).coalesce(1).sortWithinPartitions("run_uid");
    }

    private static Dataset<Row> randomRows(long seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            int levels = run == 0 ? 1 : 1 + rnd.nextInt(3);
            for (int q = 0; q < 40 + rnd.nextInt(300); q++) {
                int chunks = rnd.nextInt(8) == 0 ? rnd.nextInt(2) : 2 + rnd.nextInt(60);
                Long[] offsets = new Long[chunks];
                Integer[] tokens = new Integer[chunks];
                long t = rnd.nextInt(1_000_000);
                for (int c = 0; c < chunks; c++) {
                    // ties (equal gaps, zero gaps) as well as ns-resolution values
                    t += rnd.nextInt(4) == 0 ? 10_000_000 : rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(30_000_000);
                    offsets[c] = rnd.nextInt(200) == 0 ? null : Long.valueOf(t);
                    tokens[c] = rnd.nextInt(6) == 0 ? Integer.valueOf(0)
                            : rnd.nextInt(50) == 0 ? null : Integer.valueOf(1 + rnd.nextInt(3));
                }
                String phase = rnd.nextInt(10) == 0 ? "warmup" : "measured";
                String outcome = rnd.nextInt(12) == 0 ? "timeout" : "ok";
                Integer level = run == 3 && q % 5 == 0 ? null : Integer.valueOf(rnd.nextInt(levels));
                String arm = run == 4 ? (rnd.nextBoolean() ? "shared" : "unique") : null;
                rows.add(RowFactory.create("run-" + run, phase, outcome, level, arm, Arrays.asList(offsets),
                        rnd.nextInt(30) == 0 ? null : Arrays.asList(tokens), run == 2 ? rnd.nextInt(4) != 0 : true));
            }
        }
        return SharedSpark.get().createDataFrame(rows, REQUESTS);
    }

    @Test
    void equalsTheSqlDefinitionPerRunLevelAndArm() {
        SparkSession spark = SharedSpark.get();
        for (long seed = 1; seed <= 4; seed++) {
            Dataset<Row> requests = seed % 2 == 0 ? randomRequests(seed) : contiguousRequests(seed);
            requests.createOrReplaceTempView("requests");
            spark.sql(GAPS).createOrReplaceTempView("gaps");
            spark.sql(VALUES).createOrReplaceTempView("gap_values");
            Map<String, Row> expected = new HashMap<>();
            collect(spark.sql("SELECT 'run' AS scope, run_uid, NULL AS level_index, NULL AS arm, " + AGGREGATES
                    + " FROM gap_values GROUP BY run_uid"), expected);
            collect(spark.sql("SELECT 'level' AS scope, run_uid, level_index, NULL AS arm, " + AGGREGATES
                    + " FROM gap_values GROUP BY run_uid, level_index"), expected);
            collect(spark.sql("SELECT 'arm' AS scope, run_uid, NULL AS level_index, arm, " + AGGREGATES
                    + " FROM gap_values WHERE arm IS NOT NULL GROUP BY run_uid, arm"), expected);
            Map<String, Row> actual = new HashMap<>();
            collect(ChunkGaps.byScope(requests), actual);

            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(expected.keySet()).anyMatch(k -> k.startsWith("arm/")).anyMatch(k -> k.startsWith("level/run-3/null"));
            expected.forEach((key, e) -> {
                Row a = actual.get(key);
                assertThat(a.<Long>getAs("n")).as(key).isEqualTo(e.<Long>getAs("n"));
                assertThat(a.<Double>getAs("min")).as(key).isEqualTo(e.<Double>getAs("min"));
                assertThat(a.<Double>getAs("max")).as(key).isEqualTo(e.<Double>getAs("max"));
                assertThat(a.<Double>getAs("mean")).as(key).isCloseTo(e.getAs("mean"), within(1e-9));
                if (e.isNullAt(e.fieldIndex("sd"))) {
                    assertThat(a.isNullAt(a.fieldIndex("sd"))).as(key).isTrue();
                } else {
                    assertThat(a.<Double>getAs("sd")).as(key).isCloseTo(e.getAs("sd"), within(1e-9));
                }
                // percentiles: bit for bit
                assertThat(List.of(a.getAs("p50"), a.getAs("p90"), a.getAs("p95"), a.getAs("p99"))).as(key)
                        .isEqualTo(e.getList(e.fieldIndex("pct")));
                assertThat(a.isNullAt(a.fieldIndex("per_token")) ? null : a.getList(a.fieldIndex("per_token")))
                        .as(key).isEqualTo(e.isNullAt(e.fieldIndex("per_token")) ? null
                                : e.getList(e.fieldIndex("per_token")));
            });
        }
    }

    @Test
    void histogramCountsEqualTheSqlBins() {
        SparkSession spark = SharedSpark.get();
        Dataset<Row> requests = randomRequests(7);
        requests.createOrReplaceTempView("requests");
        spark.sql(GAPS).createOrReplaceTempView("gaps");
        spark.sql(VALUES).createOrReplaceTempView("gap_values");
        int bins = ChunkGaps.BINS;
        Map<String, Long> expected = new HashMap<>();
        for (Row r : spark.sql("""
                WITH b AS (SELECT run_uid, MIN(v) AS lo, PERCENTILE(v, 0.99) AS hi FROM gap_values GROUP BY run_uid)
                SELECT v.run_uid, CAST(LEAST(%d, GREATEST(0, FLOOR((v - lo) / (GREATEST(hi - lo, 1e-9) / %d))))
                       AS INT) AS bin, COUNT(*) AS count
                FROM gap_values v JOIN b ON v.run_uid = b.run_uid GROUP BY 1, 2
                """.formatted(bins - 1, bins)).collectAsList()) {
            expected.put(r.getString(0) + "/" + r.getInt(1), r.getLong(2));
        }
        Map<String, Long> actual = new HashMap<>();
        for (Row r : ChunkGaps.histogramCounts(ChunkGaps.byScope(requests)).collectAsList()) {
            actual.put(r.<String>getAs("run_uid") + "/" + r.<Integer>getAs("bin"), r.<Long>getAs("count"));
        }
        assertThat(actual).isEqualTo(expected).hasSizeGreaterThan(40);
    }

    @Test
    void perTokenGapsAreNullWhenChunkTokenCountsAreUnknown() {
        // SGLang/llama.cpp style: no per-chunk usage, so each chunk was recorded as 1 token (chunk_tokens_exact false)
        Dataset<Row> requests = SharedSpark.get().createDataFrame(List.of(
                RowFactory.create("inexact", "measured", "ok", 0, null, List.of(0L, 20_000_000L, 40_000_000L),
                        List.of(1, 1, 1), false),
                RowFactory.create("exact", "measured", "ok", 0, null, List.of(0L, 20_000_000L, 40_000_000L),
                        List.of(1, 4, 4), true)), REQUESTS);
        Map<String, Row> rows = new HashMap<>();
        collect(ChunkGaps.byScope(requests), rows);
        Row inexact = rows.get("run/inexact/null/null");
        assertThat(inexact.<Double>getAs("p50")).isEqualTo(20.0);
        assertThat(inexact.isNullAt(inexact.fieldIndex("per_token"))).isTrue();
        assertThat(rows.get("run/exact/null/null").getList(inexact.fieldIndex("per_token"))).containsExactly(5.0, 5.0);
    }

    @Test
    void noRequestWithTwoChunksGivesNoRows() {
        Dataset<Row> requests = SharedSpark.get().createDataFrame(List.of(
                RowFactory.create("legacy", "measured", "ok", 0, null, List.of(), List.of(), false),
                RowFactory.create("legacy", "measured", "ok", 0, null, List.of(5L), List.of(1), false)), REQUESTS);
        assertThat(ChunkGaps.byScope(requests).count()).isZero();
    }

    private static void collect(Dataset<Row> df, Map<String, Row> into) {
        for (Row r : df.collectAsList()) {
            into.put(r.<String>getAs("scope") + "/" + r.getAs("run_uid") + "/" + r.getAs("level_index") + "/"
                    + r.getAs("arm"), r);
        }
    }
}
