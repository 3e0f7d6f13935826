package io.enginebench.pipeline.compare;

import io.enginebench.pipeline.analysis.CellSummary;
import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.trace.UserFacingException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The verdict table against numbers computed by hand. Three runs a side of one cell (single_request_latency, model m,
 * c=1); 95% CI half-width = t(0.975, 2) · sd / √3 with t(0.975, 2) = 4.302653:
 * <pre>
 * tpot_ms_p50  baseline 10, 12, 14: mean 12, sd 2 → ci 4.302653·2/√3 = 4.968275
 *              candidate 20, 21, 22: mean 21, sd 1 → ci 4.302653/√3   = 2.484138
 *              |21 − 12| = 9 > 4.968275 + 2.484138 = 7.452413 → baseline (lower is better), +75 %
 * output_tps   baseline 100, 110, 120: mean 110, sd 10 → ci 24.841377
 *              candidate 90, 100, 110: mean 100, sd 10 → ci 24.841377
 *              |100 − 110| = 10 ≤ 49.68 → tie, −9.09 %
 * ttft_ms_p50  candidate has one value (two runs null) → insufficient_data
 * </pre>
 * (Side by side from a run_summary fixture; the selectors' part of {@link Comparison#of} is checked on its own.)
 */
class ComparisonTest {
    private static final double T975_2 = 4.302652729911275;

    @BeforeAll
    static void views() {
        SparkSession spark = SharedSpark.get();
        List<Map<String, Object>> summary = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        double[][] base = {{10, 100, 50}, {12, 110, 52}, {14, 120, 54}};
        double[][] cand = {{20, 90, 60}, {21, 100, Double.NaN}, {22, 110, Double.NaN}};
        for (int i = 0; i < 3; i++) {
            add(runs, summary, "b" + i, "vllm", "0.6.3", "single_request_latency", base[i]);
            add(runs, summary, "c" + i, "vllm", "0.6.4", "single_request_latency", cand[i]);
        }
        frame(spark, Tables.SCHEMAS.get("runs"), runs).createOrReplaceTempView("runs");
        frame(spark, Tables.SCHEMAS.get("requests"), List.of()).createOrReplaceTempView("requests");
        summaryFrame = frame(spark, summarySchema(), summary);
    }

    private static org.apache.spark.sql.Dataset<Row> summaryFrame;

    /** The run_summary fixture with each run's side: version 0.6.3 baseline, 0.6.4 candidate (or the reverse). */
    private static Comparison compare(boolean reversed) {
        var side = org.apache.spark.sql.functions.when(
                org.apache.spark.sql.functions.col("run_uid").startsWith(reversed ? "c" : "b"), Verdict.BASELINE)
                .otherwise(Verdict.CANDIDATE);
        return Comparison.fromRunSummary(summaryFrame.withColumn("side", side), 3, 3);
    }

    private static Map<String, Verdict> byMetric(Comparison c) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        c.verdicts().forEach(v -> m.put(v.metric(), v));
        return m;
    }

    @Test
    void verdictsMatchHandComputedMeansAndIntervals() {
        Comparison c = compare(false);
        Map<String, Verdict> v = byMetric(c);
        assertThat(c.verdicts()).allSatisfy(x -> assertThat(x.scenario()).isEqualTo("single_request_latency"));
        assertThat(v).containsOnlyKeys("tpot_ms_p50", "output_tps", "ttft_ms_p50");

        Verdict tpot = v.get("tpot_ms_p50");
        assertThat(tpot.meanBaseline()).isEqualTo(12.0);
        assertThat(tpot.ci95Baseline()).isCloseTo(4.968275, within(1e-6)).isCloseTo(T975_2 * 2 / Math.sqrt(3),
                within(1e-8));   // t quantile solved numerically
        assertThat(tpot.meanCandidate()).isEqualTo(21.0);
        assertThat(tpot.ci95Candidate()).isCloseTo(2.484138, within(1e-6));
        assertThat(tpot.verdict()).isEqualTo(Verdict.BASELINE);
        assertThat(tpot.changePct()).isCloseTo(75.0, within(1e-9));
        assertThat(tpot.worsePct()).isCloseTo(75.0, within(1e-9));

        Verdict tps = v.get("output_tps");
        assertThat(tps.meanBaseline()).isEqualTo(110.0);
        assertThat(tps.meanCandidate()).isEqualTo(100.0);
        assertThat(tps.ci95Baseline()).isCloseTo(24.841377, within(1e-6));
        assertThat(tps.verdict()).isEqualTo(Verdict.TIE);
        assertThat(tps.worsePct()).isCloseTo(100.0 / 11, within(1e-9));   // higher is better: 9.09 % worse

        Verdict ttft = v.get("ttft_ms_p50");
        assertThat(ttft.nCandidate()).isEqualTo(1);
        assertThat(ttft.verdict()).isEqualTo(Verdict.INSUFFICIENT);
    }

    @Test
    void gateFailsOnlyOnSeparatedRegressionsBeyondTheThreshold() {
        List<Verdict> v = compare(false).verdicts();
        // tpot 75 % worse with separated CIs: fails at 5 %, not at 80 %; output_tps 9 % worse but a tie: never
        RegressionGate.Result five = RegressionGate.parse("5").evaluate(v);
        assertThat(five.outcome()).isEqualTo(RegressionGate.Outcome.REGRESSION);
        assertThat(five.reasons()).singleElement().asString().startsWith("regression: tpot_ms_p50 ")
                .contains("75.0 % worse");
        assertThat(RegressionGate.parse("80").evaluate(v).outcome()).isEqualTo(RegressionGate.Outcome.PASS);
        assertThat(RegressionGate.parse("output_tps:1").evaluate(v).outcome()).isEqualTo(RegressionGate.Outcome.PASS);
        assertThat(RegressionGate.parse("ttft_ms_p50:1").evaluate(v).outcome())
                .isEqualTo(RegressionGate.Outcome.INSUFFICIENT_DATA);
        // the other way round the candidate is the better one: no regression
        List<Verdict> reversed = compare(true).verdicts();
        assertThat(RegressionGate.parse("5").evaluate(reversed).outcome()).isEqualTo(RegressionGate.Outcome.PASS);
    }

    @Test
    void sidesWithoutACommonCellAreInsufficientData() {
        // selectors pick runs of the runs view (shortcuts and SQL alike); these runs have no requests: no cell at all
        Comparison c = Comparison.of(SharedSpark.get(), RunSelector.parse("version:0.6.3"),
                RunSelector.parse("engine_version = '0.6.4'"));
        assertThat(c.baselineRuns()).isEqualTo(3);
        assertThat(c.candidateRuns()).isEqualTo(3);
        List<Verdict> v = c.verdicts();
        assertThat(v).isEmpty();
        assertThat(RegressionGate.parse("5").evaluate(v).outcome()).isEqualTo(RegressionGate.Outcome.INSUFFICIENT_DATA);
    }

    @Test
    void overlappingOrInvalidSelectorsAreUserErrors() {
        assertThatThrownBy(() -> Comparison.of(SharedSpark.get(), RunSelector.parse("engine:vllm"),
                RunSelector.parse("version:0.6.4"))).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("match both");
        assertThatThrownBy(() -> Comparison.of(SharedSpark.get(), RunSelector.parse("no_such_column = 1"),
                RunSelector.parse("version:0.6.4"))).isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("--baseline: not a valid selector");
    }

    @Test
    void aSingleLevelRunsLevelRowThatRepeatsItsRunRowIsLeftOut() {
        Verdict run = verdict("run", null, 12.0);
        Verdict repeat = verdict("level", 0, 12.0);
        Verdict rampLevel = verdict("level", 1, 15.0);
        assertThat(Comparison.withoutRepeats(List.of(run, repeat, rampLevel))).containsExactly(run, rampLevel);
    }

    private static Verdict verdict(String scope, Integer level, double meanBaseline) {
        return new Verdict("m", "s", "cfg", 64, scope, level, 1, null, null, "sent", "tpot_ms_p50", false, 3,
                meanBaseline, 1.0, 3, 20.0, 1.0, Verdict.BASELINE);
    }

    // --- fixture -------------------------------------------------------------------------------------------------

    private static StructType summarySchema() {
        StringBuilder ddl = new StringBuilder("run_uid string, model_name string, model_params_b double,"
                + " engine_group string, scenario string, config_hash string, max_tokens int, scope string,"
                + " level_index int, concurrency int, target_rate double, arm string, latency_basis string,"
                + " selection_policy string, adaptive_levels boolean, levels bigint");
        for (List<String> ms : List.of(CellSummary.METRICS, CellSummary.OPEN_LOOP_METRICS,
                CellSummary.WHOLE_RUN_METRICS)) {
            for (String m : ms) if (!ddl.toString().contains(" " + m + " ")) ddl.append(", ").append(m).append(" double");
        }
        return StructType.fromDDL(ddl.toString());
    }

    /** One run: tpot_ms_p50, output_tps, ttft_ms_p50 (NaN: null); every other metric null. */
    private static void add(List<Map<String, Object>> runs, List<Map<String, Object>> summary, String uid,
                            String engine, String version, String scenario, double[] values) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_uid", uid);
        r.put("run_id", uid);
        r.put("engine", engine);
        r.put("engine_variant", engine);
        r.put("engine_version", version);
        r.put("model", "org/m");
        r.put("model_name", "m");
        r.put("scenario", scenario);
        runs.add(r);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("run_uid", uid);
        s.put("model_name", "m");
        s.put("engine_group", engine);
        s.put("scenario", scenario);
        s.put("config_hash", "cfg");
        s.put("scope", "run");
        s.put("level_index", 0);
        s.put("concurrency", 1);
        s.put("latency_basis", "sent");
        s.put("selection_policy", "spec_separate");
        s.put("adaptive_levels", false);
        s.put("levels", 1L);
        s.put("tpot_ms_p50", values[0]);
        s.put("output_tps", values[1]);
        s.put("ttft_ms_p50", Double.isNaN(values[2]) ? null : values[2]);
        summary.add(s);
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, StructType schema,
                                                           List<Map<String, Object>> rows) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> m : rows) {
            Object[] values = new Object[schema.fields().length];
            for (int i = 0; i < values.length; i++) {
                StructField f = schema.fields()[i];
                values[i] = m.get(f.name());
            }
            out.add(RowFactory.create(values));
        }
        return spark.createDataFrame(out, schema);
    }
}
