package io.enginebench.pipeline.analysis;

import io.enginebench.pipeline.spark.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Cells and winners compare like with like: same load, same configuration, a known model, a stated basis. */
class ComparableCellsTest {
    private static final org.assertj.core.data.Offset<Double> EPS = within(1e-6);

    private static Map<String, Dataset<Row>> analyze(Fixture fx) {
        return Analyses.computeAll(fx, AnalysisOptions.defaults());
    }

    private static double d(Row r, String c) {
        return ((Number) r.getAs(c)).doubleValue();
    }

    /** {@code n} requests at one level, one every 100 ms, of the given rate (null: closed loop). */
    private static void level(Fixture fx, String uid, int level, Double rate, int concurrency, double startMs,
                              double e2eMs, int n) {
        for (int i = 0; i < n; i++) {
            Map<String, Object> q = fx.request(uid, level * 1000L + i, startMs + i * 100, 10, e2eMs, 5);
            q.put("level_index", level);
            q.put("concurrency", concurrency);
            q.put("target_rate", rate);
        }
    }

    @Test
    void rateSweepLevelsAtDifferentTargetRatesNeverPool() {
        Fixture fx = new Fixture();
        // same level index, different offered rates: vllm ran 4/s and 8/s, sglang ran 8/s
        fx.run("v4", "m", "vllm", "rate_sweep");
        fx.run("v8", "m", "vllm", "rate_sweep").put("iteration", 2);
        fx.run("s8", "m", "sglang", "rate_sweep");
        level(fx, "v4", 0, 4.0, 64, 0, 50, 3);
        level(fx, "v8", 0, 8.0, 64, 0, 50, 3);
        level(fx, "s8", 0, 8.0, 64, 0, 80, 3);
        Map<String, Dataset<Row>> t = analyze(fx);
        Dataset<Row> levels = t.get("cell_summary").filter(col("scope").equalTo("level"));
        assertThat(levels.filter(col("n").gt(1)).count()).isZero();
        assertThat(levels.select("target_rate").distinct().count()).isEqualTo(2);
        // winners pair vllm and sglang only at 8/s
        List<Row> w = t.get("winners").filter(col("scope").equalTo("level")).collectAsList();
        assertThat(w).isNotEmpty().allSatisfy(r -> assertThat(d(r, "target_rate")).isEqualTo(8.0));
        assertThat(w).allSatisfy(r -> assertThat(r.<Integer>getAs("concurrency")).isEqualTo(64));
    }

    @Test
    void runsOfDifferentConfigurationsAreNotIterationsOfOneCell() {
        Fixture fx = new Fixture();
        fx.run("a1", "m", "vllm", "single_request_latency")
                .put("scenario_config", "{\"num_requests\": 3, \"seed\": 1, \"max_output_tokens\": 128}");
        Map<String, Object> a2 = fx.run("a2", "m", "vllm", "single_request_latency");
        a2.put("scenario_config", "{\"max_output_tokens\": 128, \"seed\": 2, \"num_requests\": 3}");
        a2.put("iteration", 2);
        Map<String, Object> b = fx.run("b", "m", "vllm", "single_request_latency");
        b.put("scenario_config", "{\"num_requests\": 50, \"seed\": 1, \"max_output_tokens\": 128}");
        b.put("iteration", 3);
        for (String uid : List.of("a1", "a2", "b")) {
            level(fx, uid, 0, null, 1, 0, 50, 3);
        }
        List<Row> cells = analyze(fx).get("cell_summary")
                .filter(col("scope").equalTo("run").and(col("metric").equalTo("ttft_ms_p50")))
                .orderBy("n").collectAsList();
        // a1 and a2 differ only by seed and key order: repeats; b asked for 50 requests: a cell of its own
        assertThat(cells).extracting(r -> r.<Long>getAs("n")).containsExactly(1L, 2L);
        assertThat(cells.get(0).<String>getAs("config_hash")).isNotEqualTo(cells.get(1).<String>getAs("config_hash"));
    }

    @Test
    void configHashIgnoresSeedIterationKeyOrderAndTheSearchResult() {
        String base = ConfigHash.of("{\"load\": {\"kind\": \"OPEN\", \"rates\": [1, 2]}, \"max_tokens\": 64}");
        assertThat(ConfigHash.of("{\"max_tokens\": 64, \"seed\": 7, \"iterations\": 5, \"result\": {\"best_rate\": 2},"
                + " \"load\": {\"rates\": [1, 2], \"kind\": \"OPEN\"}}")).isEqualTo(base).hasSize(16);
        assertThat(ConfigHash.of("{\"load\": {\"kind\": \"OPEN\", \"rates\": [1, 4]}, \"max_tokens\": 64}"))
                .isNotEqualTo(base);
        assertThat(ConfigHash.of(null)).isNull();
    }

    @Test
    void runsOfAnUnknownModelAreLeftOutOfComparisons() {
        Fixture fx = new Fixture();
        for (String engine : List.of("vllm", "sglang")) {
            for (int i = 1; i <= 2; i++) {
                String uid = engine + i;
                Map<String, Object> r = fx.run(uid, "m", engine, "single_request_latency");
                r.put("model", null);
                r.put("model_name", null);
                r.put("iteration", i);
                level(fx, uid, 0, null, 1, 0, engine.equals("vllm") ? 50 : 500, 3);
            }
        }
        Map<String, Dataset<Row>> t = analyze(fx);
        assertThat(t.get("run_summary").count()).isPositive();
        assertThat(t.get("cell_summary").count()).isZero();
        assertThat(t.get("winners").count()).isZero();
        assertThat(t.get("cross_model").count()).isZero();
    }

    @Test
    void openLoopCellsCompareLatencyFromTheScheduledSend() {
        Fixture fx = new Fixture();
        for (String engine : List.of("vllm", "sglang")) {
            for (int i = 1; i <= 2; i++) {
                String uid = engine + i;
                fx.run(uid, "m", engine, "rate_sweep").put("iteration", i);
                level(fx, uid, 0, 4.0, 64, 0, 50, 4);
            }
        }
        // vllm is faster once sent but sent every request 500 ms late (a queue in front of it): ttft_sched ≫ ttft
        fx.requests.stream().filter(q -> q.get("run_uid").toString().startsWith("vllm"))
                .forEach(q -> q.put("scheduled_ns", (Long) q.get("sent_ns") - 500 * Fixture.MS));
        fx.requests.stream().filter(q -> q.get("run_uid").toString().startsWith("sglang"))
                .forEach(q -> q.put("first_token_ns", (Long) q.get("sent_ns") + 40 * Fixture.MS));
        Map<String, Dataset<Row>> t = analyze(fx);
        Row vllm = t.get("run_summary").filter(col("scope").equalTo("run").and(col("engine_group")
                .equalTo("vllm"))).first();
        assertThat(vllm.<String>getAs("latency_basis")).isEqualTo("scheduled");
        assertThat(d(vllm, "ttft_ms_p50")).isCloseTo(10, EPS);
        assertThat(d(vllm, "ttft_sched_ms_p50")).isCloseTo(510, EPS);
        assertThat(d(vllm, "e2e_sched_ms_p50")).isCloseTo(550, EPS);
        Dataset<Row> cells = t.get("cell_summary");
        assertThat(cells.filter(col("metric").startsWith("ttft_ms_")).count()).isZero();
        assertThat(cells.filter(col("latency_basis").notEqual("scheduled")).count()).isZero();
        Row ttft = t.get("winners").filter(col("scope").equalTo("run").and(col("metric")
                .equalTo("ttft_sched_ms_p50"))).first();
        assertThat(ttft.<String>getAs("winner")).isEqualTo("sglang");
        // goodput at 200:50 counts vllm's requests as late
        Row gp = t.get("goodput").filter(col("run_uid").equalTo("vllm1").and(col("scope").equalTo("run"))).first();
        assertThat(gp.<Long>getAs("qualifying")).isZero();
        Row cross = t.get("cross_model").filter(col("engine_group").equalTo("vllm")).first();
        assertThat(cross.<String>getAs("latency_basis")).isEqualTo("scheduled");
        assertThat(d(cross, "ttft_ms_p50")).as("cross_model compares on the scheduled basis too").isCloseTo(510, EPS);
        assertThat(gp.<String>getAs("latency_basis")).isEqualTo("scheduled");
    }

    @Test
    void aRampPublishesPerLevelAPeakAndTheWholeRunFigureUnderItsOwnName() {
        Fixture fx = new Fixture();
        fx.run("r", "m", "vllm", "throughput_ramp");
        // three levels of 1 s each: 5, 20 and 10 tokens per request, 4 requests
        level(fx, "r", 0, null, 1, 0, 50, 4);
        level(fx, "r", 1, null, 8, 1000, 50, 4);
        level(fx, "r", 2, null, 32, 2000, 50, 4);
        fx.requests.stream().filter(q -> (Integer) q.get("level_index") == 1)
                .forEach(q -> q.put("completion_tokens", 20));
        fx.requests.stream().filter(q -> (Integer) q.get("level_index") == 2)
                .forEach(q -> q.put("completion_tokens", 10));
        Map<String, Dataset<Row>> t = analyze(fx);
        Row whole = t.get("run_summary").filter(col("scope").equalTo("run")).first();
        assertThat((Object) whole.getAs("output_tps")).isNull();
        assertThat(d(whole, "output_tps_whole_run")).isCloseTo((20 + 80 + 40) / 2.35, EPS);
        List<Row> levels = t.get("concurrency_levels").orderBy("level_index").collectAsList();
        assertThat(levels).extracting(r -> r.<Boolean>getAs("is_peak")).containsExactly(false, true, false);
        assertThat(levels.get(0).<Integer>getAs("peak_concurrency")).isEqualTo(8);
        assertThat(d(levels.get(0), "peak_output_tps")).isCloseTo(80 / 0.35, EPS);
        assertThat(d(levels.get(0), "output_tps_whole_run")).isCloseTo((20 + 80 + 40) / 2.35, EPS);
        Dataset<Row> cells = t.get("cell_summary").filter(col("scope").equalTo("run"));
        assertThat(cells.filter(col("metric").equalTo("output_tps")).count()).isZero();
        assertThat(cells.filter(col("metric").equalTo("output_tps_whole_run")).count()).isEqualTo(1);
        assertThat(t.get("cross_model").count()).as("a whole run of several loads is no cross-model point").isZero();
    }

    @Test
    void decodeSweepLeaderIsATieWhenIntervalsOverlap() {
        StructType s = StructType.fromDDL("model_name string, engine_group string, config_hash string,"
                + " max_tokens int, metric string, n bigint, mean double, ci95_halfwidth double");
        Dataset<Row> stats = SharedSpark.get().createDataFrame(List.of(
                RowFactory.create("m", "vllm", "h", 64, "output_tps", 3L, 100.0, 20.0),
                RowFactory.create("m", "sglang", "h", 64, "output_tps", 3L, 90.0, 20.0),
                RowFactory.create("m", "vllm", "h", 256, "output_tps", 3L, 80.0, 1.0),
                RowFactory.create("m", "sglang", "h", 256, "output_tps", 3L, 95.0, 1.0),
                RowFactory.create("m", "vllm", "h", 1024, "output_tps", 3L, 70.0, 1.0),
                RowFactory.create("m", "sglang", "h", 1024, "output_tps", 1L, 60.0, null)), s);
        List<Row> out = DecodeSweep.withLeaders(stats).filter(col("engine_group").equalTo("vllm"))
                .orderBy("max_tokens").collectAsList();
        // 64: means differ but the intervals overlap; 1024: sglang has one iteration
        assertThat(out).extracting(r -> r.<String>getAs("leader")).containsExactly("tie", "sglang", null);
        assertThat(out).extracting(r -> r.<Boolean>getAs("crossover")).containsExactly(false, false, false);
    }

    @Test
    void decodeSweepCrossoverIsAChangeBetweenDecidedLeaders() {
        StructType s = StructType.fromDDL("model_name string, engine_group string, config_hash string,"
                + " max_tokens int, metric string, n bigint, mean double, ci95_halfwidth double");
        Dataset<Row> stats = SharedSpark.get().createDataFrame(List.of(
                RowFactory.create("m", "vllm", "h", 64, "tpot_ms_p50", 3L, 10.0, 0.5),
                RowFactory.create("m", "sglang", "h", 64, "tpot_ms_p50", 3L, 12.0, 0.5),
                RowFactory.create("m", "vllm", "h", 256, "tpot_ms_p50", 3L, 11.0, 2.0),
                RowFactory.create("m", "sglang", "h", 256, "tpot_ms_p50", 3L, 12.0, 2.0),
                RowFactory.create("m", "vllm", "h", 1024, "tpot_ms_p50", 3L, 14.0, 0.5),
                RowFactory.create("m", "sglang", "h", 1024, "tpot_ms_p50", 3L, 12.0, 0.5)), s);
        List<Row> out = DecodeSweep.withLeaders(stats).filter(col("engine_group").equalTo("vllm"))
                .orderBy("max_tokens").collectAsList();
        assertThat(out).extracting(r -> r.<String>getAs("leader")).containsExactly("vllm", "tie", "sglang");
        assertThat(out).extracting(r -> r.<Boolean>getAs("crossover")).containsExactly(false, false, true);
    }

    @Test
    void sloSearchComparesTheSustainableRateAcrossIterationsNotAPooledMix() {
        Fixture fx = new Fixture();
        double[][] vllm = {{8, 9}, {8.5, 9.5}, {8.2, 9.1}};
        double[][] sglang = {{4, 5}, {4.2, 5.1}, {3.9, 4.8}};
        for (int i = 0; i < 3; i++) {
            search(fx, "v" + i, "vllm", i + 1, vllm[i][0], vllm[i][1], true);
            search(fx, "s" + i, "sglang", i + 1, sglang[i][0], sglang[i][1], i > 0);
        }
        Map<String, Dataset<Row>> t = analyze(fx);
        // probes at different rates per engine and iteration: no cell of these runs
        assertThat(t.get("cell_summary").count()).isZero();
        Row v = t.get("slo_search").filter(col("scope").equalTo("cell").and(col("engine_group").equalTo("vllm")))
                .first();
        assertThat(v.<Long>getAs("n")).isEqualTo(3L);
        assertThat(d(v, "mean")).isCloseTo((8 + 8.5 + 8.2) / 3, EPS);
        assertThat(v.<String>getAs("run_intervals")).isEqualTo("1: [8.0, 9.0]; 2: [8.5, 9.5]; 3: [8.2, 9.1]");
        // the first sglang search predates the confidence fields: its last pass and fail stand in
        Row s0 = t.get("slo_search").filter(col("run_uid").equalTo("s0")).first();
        assertThat(s0.<String>getAs("bounds_source")).isEqualTo("last_pass_fail");
        assertThat(d(s0, "sustainable_rate_low")).isCloseTo(4, EPS);
        Row w = t.get("winners").filter(col("metric").equalTo("sustainable_rate")).first();
        assertThat(w.<String>getAs("scope")).isEqualTo("slo_search");
        assertThat(w.<String>getAs("winner")).isEqualTo("vllm");
    }

    private static void search(Fixture fx, String uid, String engine, int iteration, double low, double high,
                               boolean stated) {
        Map<String, Object> r = fx.run(uid, "m", engine, "slo_search");
        r.put("iteration", iteration);
        String result = stated
                ? "\"sustainable_rate_low\": " + low + ", \"sustainable_rate_high\": " + high
                        + ", \"confidence\": 0.95, \"latency_basis\": \"scheduled\", \"last_passing_rate\": 1"
                : "\"best_rate\": " + low + ", \"last_passing_rate\": " + low + ", \"last_failing_rate\": " + high;
        r.put("scenario_config", "{\"load\": {\"kind\": \"SLO_SEARCH\"}, \"seed\": " + iteration + ", \"result\": {"
                + result + ", \"probes\": 3}}");
        // probe rates differ per run
        level(fx, uid, 0, low, 64, 0, 50, 2);
        level(fx, uid, 1, high, 64, 1000, 500, 2);
    }
}
