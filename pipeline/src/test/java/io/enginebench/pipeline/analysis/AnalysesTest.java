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

class AnalysesTest {
    private static final org.assertj.core.data.Offset<Double> EPS = within(1e-6);

    private static Row only(Dataset<Row> df) {
        List<Row> rows = df.collectAsList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static double d(Row r, String c) {
        return ((Number) r.getAs(c)).doubleValue();
    }

    @Test
    void runSummaryUsesExactType7PercentilesOverSuccessfulRequests() {
        Fixture fx = new Fixture();
        fx.run("r1", "m", "vllm", "single_request_latency");
        double[] ttft = {10, 20, 30, 40};
        for (int i = 0; i < 4; i++) {
            fx.request("r1", i, i * 100, ttft[i], 90, 5);
        }
        fx.request("r1", 4, 400, 5000, 6000, 0).put("outcome", "http_error");
        Row r = only(Analyses.computeAll(fx, AnalysisOptions.defaults()).get("run_summary")
                .filter(col("scope").equalTo("run")));
        assertThat(d(r, "ttft_ms_p50")).isCloseTo(25.0, EPS);      // idx 1.5
        assertThat(d(r, "ttft_ms_p90")).isCloseTo(37.0, EPS);      // idx 2.7
        assertThat(d(r, "ttft_ms_p95")).isCloseTo(38.5, EPS);
        assertThat(d(r, "ttft_ms_p99")).isCloseTo(39.7, EPS);
        assertThat(d(r, "error_rate")).isCloseTo(0.2, EPS);
        assertThat(d(r, "duration_s")).isCloseTo(6.4, EPS);        // sent 0 ms .. completed 400+6000 ms
        assertThat(d(r, "output_tps")).isCloseTo(20 / 6.4, EPS);
        // tpot = (90 - ttft) / 4
        assertThat(d(r, "tpot_ms_p50")).isCloseTo((70 + 60) / 2.0 / 4, EPS);
        assertThat(r.<String>getAs("selection_policy")).isEqualTo("spec-separate");
    }

    @Test
    void tQuantileAndIntervals() {
        assertThat(Stats.t975OrNull(2L)).isCloseTo(12.7062047, within(1e-6));
        assertThat(Stats.t975OrNull(5L)).isCloseTo(2.7764451, within(1e-6));
        assertThat(Stats.t975OrNull(1L)).isNull();
        StructType s = StructType.fromDDL("cell string, value double");
        Dataset<Row> values = SharedSpark.get().createDataFrame(List.of(
                RowFactory.create("two", 100.0), RowFactory.create("two", 110.0),
                RowFactory.create("five", 10.0), RowFactory.create("five", 12.0), RowFactory.create("five", 14.0),
                RowFactory.create("five", 16.0), RowFactory.create("five", 18.0),
                RowFactory.create("steady", 100.0), RowFactory.create("steady", 101.0)), s)
                .withColumn("metric", org.apache.spark.sql.functions.lit("x"));
        Dataset<Row> st = CellSummary.statsBy(values, List.of("cell"));
        Row two = only(st.filter(col("cell").equalTo("two")));
        assertThat(d(two, "ci95_halfwidth")).isCloseTo(12.7062047 * 5, within(1e-5)); // sd = √50, /√2 = 5
        Row five = only(st.filter(col("cell").equalTo("five")));
        assertThat(d(five, "sd")).isCloseTo(Math.sqrt(10), EPS);
        assertThat(d(five, "ci95_halfwidth")).isCloseTo(2.7764451 * Math.sqrt(10) / Math.sqrt(5), within(1e-6));
        assertThat(d(five, "cv_pct")).isCloseTo(Math.sqrt(10) / 14 * 100, EPS);
        assertThat(five.<Boolean>getAs("high_variance")).isTrue();
        assertThat(only(st.filter(col("cell").equalTo("steady"))).<Boolean>getAs("high_variance")).isFalse();
    }

    @Test
    void winnerOnlyWhenIntervalsSeparateWithDirection() {
        StructType s = StructType.fromDDL("model_name string, scenario string, max_tokens int, scope string,"
                + " level_index int, arm string, metric string, selection_policy string, engine_group string,"
                + " n bigint, mean double, ci95_halfwidth double, config_hash string, concurrency int,"
                + " target_rate double, latency_basis string");
        Dataset<Row> cells = SharedSpark.get().createDataFrame(List.of(
                cell("output_tps", "sglang", 3, 120, 5), cell("output_tps", "vllm", 3, 100, 5),
                cell("ttft_ms_p50", "sglang", 3, 120, 5), cell("ttft_ms_p50", "vllm", 3, 100, 5),
                cell("e2e_ms_p50", "sglang", 3, 120, 10), cell("e2e_ms_p50", "vllm", 3, 100, 15),
                cell("tpot_ms_p50", "sglang", 1, 10, 0), cell("tpot_ms_p50", "vllm", 3, 20, 1)), s);
        Dataset<Row> w = Winners.compute(cells);
        assertThat(only(w.filter(col("metric").equalTo("output_tps"))).<String>getAs("winner")).isEqualTo("sglang");
        Row ttft = only(w.filter(col("metric").equalTo("ttft_ms_p50")));
        assertThat(ttft.<String>getAs("winner")).isEqualTo("vllm");
        assertThat(ttft.<String>getAs("direction")).isEqualTo("lower_is_better");
        assertThat(only(w.filter(col("metric").equalTo("e2e_ms_p50"))).<String>getAs("verdict")).isEqualTo("tie");
        assertThat(only(w.filter(col("metric").equalTo("tpot_ms_p50"))).<String>getAs("verdict"))
                .isEqualTo("insufficient_data");
        assertThat(ttft.<String>getAs("rule")).contains("do not overlap");
    }

    private static Row cell(String metric, String engine, long n, double mean, double ci) {
        return RowFactory.create("m", "s", null, "run", null, null, metric, "spec-separate", engine, n, mean, ci,
                "h", 1, null, "sent");
    }

    @Test
    void goodputBoundsAreInclusive() {
        Fixture fx = new Fixture();
        fx.run("g", "m", "vllm", "single_request_latency");
        fx.request("g", 0, 0, 200, 300, 3);        // ttft 200, tpot 50: both on the bound
        fx.request("g", 1, 0, 200.5, 300.5, 3);    // ttft over
        fx.request("g", 2, 0, 100, 201, 3);        // tpot 50.5 over
        fx.request("g", 3, 0, 10, 1000, 3).put("outcome", "timeout");
        Map<String, Dataset<Row>> t = Analyses.computeAll(fx,
                new AnalysisOptions(List.of(Slo.parse("200:50")), EnginePolicy.SPEC_SEPARATE));
        Row run = only(t.get("goodput").filter(col("scope").equalTo("run")));
        assertThat(run.<Long>getAs("qualifying")).isEqualTo(1L);
        assertThat(run.<Long>getAs("counted")).isEqualTo(4L);
        assertThat(d(run, "goodput_rps")).isCloseTo(1 / 1.0, EPS);   // duration 0 .. 1000 ms
        assertThat(only(t.get("goodput").filter(col("scenario").equalTo("ALL"))).<Long>getAs("qualifying"))
                .isEqualTo(1L);
    }

    @Test
    void legacyTpotFormula() {
        Fixture fx = new Fixture();
        fx.legacyRun("L", "m", "vllm", "single_request_latency", 10.0);
        fx.legacyRequest("L", 0, true, 100, 1000, 10);  // 900 / 9 = 100
        fx.legacyRequest("L", 1, true, 100, 1000, 1);   // 900 / max(0, 1) = 900
        fx.legacyRequest("L", 2, true, 100, 1000, 0);   // excluded: no output
        fx.legacyRequest("L", 3, false, 100, 1000, 10); // excluded: failed
        Row t = only(Analyses.computeAll(fx, AnalysisOptions.defaults()).get("legacy_tpot"));
        assertThat(t.<Long>getAs("n")).isEqualTo(2L);
        assertThat(d(t, "mean")).isCloseTo(500, EPS);
        assertThat(d(t, "p50")).isCloseTo(500, EPS);
        assertThat(d(t, "mean_output_tokens")).isCloseTo(5.5, EPS);
    }

    @Test
    void saturationIsFirstLevelWithSmallGainAndGrowingLatency() {
        StructType s = StructType.fromDDL("model_name string, engine_group string, scenario string, max_tokens int,"
                + " scope string, level_index int, concurrency int, target_rate double, output_tps double,"
                + " request_rps double, ttft_ms_p50 double, ttft_ms_p95 double, tpot_ms_p50 double,"
                + " e2e_ms_p50 double, e2e_ms_p95 double, selection_policy string, config_hash string,"
                + " adaptive_levels boolean, latency_basis string, ttft_sched_ms_p50 double,"
                + " ttft_sched_ms_p95 double, e2e_sched_ms_p50 double, e2e_sched_ms_p95 double,"
                + " output_tps_whole_run double");
        double[] tps = {100, 190, 200, 205};
        double[] e2e = {10, 11, 12, 20};
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(RowFactory.create("m", "vllm", "throughput_ramp", null, "level", i, 1 << i, null, tps[i], 1.0,
                    1.0, 1.0, 1.0, e2e[i], 1.0, "spec-separate", "h", false, "sent", null, null, null, null, null));
        }
        List<Row> out = ConcurrencyLevels.compute(SharedSpark.get().createDataFrame(rows, s))
                .orderBy("level_index").collectAsList();
        assertThat(out).extracting(r -> r.<Boolean>getAs("is_saturation")).containsExactly(false, false, true, false);
        assertThat(d(out.get(2), "tps_gain_pct")).isCloseTo((200 / 190.0 - 1) * 100, EPS);
    }

    @Test
    void crossoverIsAChangeOfLeaderBetweenConsecutiveLengths() {
        StructType s = StructType.fromDDL("model_name string, engine_group string, config_hash string,"
                + " max_tokens int, metric string, n bigint, mean double, ci95_halfwidth double");
        Dataset<Row> stats = SharedSpark.get().createDataFrame(List.of(
                RowFactory.create("m", "vllm", "h", 64, "output_tps", 3L, 100.0, 1.0),
                RowFactory.create("m", "sglang", "h", 64, "output_tps", 3L, 90.0, 1.0),
                RowFactory.create("m", "vllm", "h", 256, "output_tps", 3L, 80.0, 1.0),
                RowFactory.create("m", "sglang", "h", 256, "output_tps", 3L, 85.0, 1.0),
                RowFactory.create("m", "vllm", "h", 1024, "output_tps", 3L, 70.0, 1.0),
                RowFactory.create("m", "sglang", "h", 1024, "output_tps", 3L, 60.0, 1.0)), s);
        List<Row> out = DecodeSweep.withLeaders(stats).filter(col("engine_group").equalTo("vllm"))
                .orderBy("max_tokens").collectAsList();
        assertThat(out).extracting(r -> r.<String>getAs("leader")).containsExactly("vllm", "sglang", "vllm");
        assertThat(out).extracting(r -> r.<Boolean>getAs("crossover")).containsExactly(false, true, true);
    }

    @Test
    void simulatedSpecVariantIsPairedWithTheSimulatedBaseOnly() {
        Fixture fx = new Fixture();
        fx.run("real", "m", "vllm", "single_request_latency");
        fx.run("simbase", "m", "vllm", "single_request_latency").put("engine_variant", "sim-vllm");
        Map<String, Object> spec = fx.run("simng", "m", "vllm", "single_request_latency");
        spec.put("engine_variant", "sim-vllm-ngram");
        spec.put("spec_method", "ngram");
        fx.request("real", 0, 0, 10, 310, 11);
        fx.request("simbase", 0, 0, 10, 110, 11);
        fx.request("simng", 0, 0, 10, 60, 11);
        Row s = only(Analyses.computeAll(fx, AnalysisOptions.defaults()).get("spec_decoding"));
        assertThat(s.<String>getAs("engine_variant")).isEqualTo("sim-vllm-ngram");
        assertThat(s.<String>getAs("base_variant")).isEqualTo("sim-vllm");
        assertThat(s.<Long>getAs("n_base_runs")).isEqualTo(1L);
        assertThat(d(s, "tpot_ratio")).isCloseTo(5.0 / 10.0, EPS);   // against sim-vllm (10 ms), not real vllm (30 ms)
    }

    @Test
    void specAcceptanceAndPrefixHitRateFromCounterDeltas() {
        Fixture fx = new Fixture();
        fx.run("base", "m", "vllm", "single_request_latency");
        Map<String, Object> spec = fx.run("ng", "m", "vllm", "single_request_latency");
        spec.put("engine_variant", "vllm-ngram");
        spec.put("spec_method", "ngram");
        fx.request("base", 0, 0, 10, 110, 11);
        fx.request("ng", 0, 0, 10, 60, 11);
        // samples out of order: delta = last - first by t_ns
        fx.counter("ng", 3, "spec_draft_tokens_total", "", 400);
        fx.counter("ng", 1, "spec_draft_tokens_total", "", 100);
        fx.counter("ng", 1, "spec_accepted_tokens_total", "", 50);
        fx.counter("ng", 3, "spec_accepted_tokens_total", "", 230);
        fx.counter("ng", 1, "spec_drafts_total", "", 20);
        fx.counter("ng", 3, "spec_drafts_total", "", 80);
        Map<String, Dataset<Row>> t = Analyses.computeAll(fx, AnalysisOptions.defaults());
        Row s = only(t.get("spec_decoding"));
        assertThat(d(s, "acceptance_rate")).isCloseTo(180 / 300.0, EPS);
        assertThat(d(s, "mean_accepted_length")).isCloseTo(1 + 180 / 60.0, EPS);
        assertThat(d(s, "tpot_ratio")).isCloseTo(5.0 / 10.0, EPS);

        Fixture px = new Fixture();
        px.run("p", "m", "sglang", "prefix_sharing_benefit");
        px.request("p", 0, 0, 100, 200, 3).put("arm", "unique");
        px.request("p", 1, 300, 40, 140, 3).put("arm", "shared");
        px.counter("p", 1, "prefix_cache_queries_total", "a=\"1\"", 100);
        px.counter("p", 9, "prefix_cache_queries_total", "a=\"1\"", 200);
        px.counter("p", 1, "prefix_cache_queries_total", "a=\"2\"", 0);
        px.counter("p", 9, "prefix_cache_queries_total", "a=\"2\"", 100);
        px.counter("p", 1, "prefix_cache_hits_total", "", 10);
        px.counter("p", 9, "prefix_cache_hits_total", "", 130);
        Row p = only(Analyses.computeAll(px, AnalysisOptions.defaults()).get("prefix_cache"));
        assertThat(d(p, "hit_rate")).isCloseTo(120 / 200.0, EPS);
        assertThat(d(p, "ttft_ratio")).isCloseTo(0.4, EPS);
    }

    @Test
    void everyTableIsComputableAndMergePolicyIsNamed() {
        Fixture fx = new Fixture();
        for (String engine : List.of("vllm", "sglang")) {
            for (int it = 1; it <= 2; it++) {
                String uid = engine + it;
                fx.run(uid, "m", engine, "decode_length_sweep_64").put("iteration", it);
                for (int i = 0; i < 3; i++) {
                    fx.request(uid, i, i * 50, 20 + i + it, 200 + 10 * i, 8).put("level_index", i % 2);
                }
                fx.counter(uid, 1, "prefix_cache_hits_total", "", 1);
            }
        }
        fx.finding("vllm1", "zero_tokens", "warning");
        fx.finding(null, "unparsable", "error");
        Map<String, Dataset<Row>> t = Analyses.computeAll(fx,
                new AnalysisOptions(List.of(), EnginePolicy.LEGACY_MERGE_SPEC));
        t.forEach((name, df) -> df.count());
        assertThat(t.keySet()).contains("run_summary", "cell_summary", "tpot", "itl", "goodput", "variance",
                "concurrency_levels", "decode_sweep", "spec_decoding", "prefix_cache", "structured", "cross_model",
                "winners", "slo_search", "data_quality_summary", "legacy_file_metrics", "legacy_tpot", "legacy_goodput",
                "legacy_variance", "legacy_decode_sweep");
        // two levels per run: the whole run mixes loads, so only its latency figures enter the sweep
        assertThat(t.get("decode_sweep").filter(col("metric").equalTo("output_tps")).count()).isZero();
        assertThat(t.get("decode_sweep").filter(col("metric").equalTo("tpot_ms_p50")).count()).isEqualTo(2);
        assertThat(t.get("decode_sweep").first().<Integer>getAs("max_tokens")).isEqualTo(64);
        assertThat(t.get("run_summary").first().<String>getAs("selection_policy")).isEqualTo("legacy-merge-spec");
        assertThat(t.get("data_quality_summary").filter(col("source").equalTo("unparsed")).count()).isEqualTo(1);
        assertThat(t.get("concurrency_levels").count()).isEqualTo(4);
        assertThat(t.get("itl_hist").groupBy("run_uid").sum("count").count()).isEqualTo(4);
    }
}
