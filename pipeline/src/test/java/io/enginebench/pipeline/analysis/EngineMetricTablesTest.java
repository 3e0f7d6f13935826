package io.enginebench.pipeline.analysis;

import io.enginebench.trace.EngineMetricNames;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code prefix_cache} and {@code spec_decoding} from what each engine exports, as the load generator normalises it:
 * vLLM's counters, SGLang's cached-token counter and its gauges (it has no drafted-token counters).
 */
class EngineMetricTablesTest {
    private static final org.assertj.core.data.Offset<Double> EPS = within(1e-6);

    @Test
    void sglangPrefixHitRateFromCachedAndPromptTokenCounters() {
        Fixture fx = prefixRun("sglang");
        fx.counter("p", 1, EngineMetricNames.PROMPT_TOKENS, "", 1000);
        fx.counter("p", 9, EngineMetricNames.PROMPT_TOKENS, "", 1400);
        fx.counter("p", 1, EngineMetricNames.PREFIX_CACHE_HITS, "", 200);
        fx.counter("p", 9, EngineMetricNames.PREFIX_CACHE_HITS, "", 500);
        fx.counter("p", 5, EngineMetricNames.PREFIX_CACHE_HIT_RATE, "", 0.9);
        Row p = only(Analyses.computeAll(fx, AnalysisOptions.defaults()).get("prefix_cache"));
        assertThat(d(p, "hit_rate")).isCloseTo(300 / 400.0, EPS);
        assertThat(p.<String>getAs("hit_rate_source")).isEqualTo("counters");
    }

    @Test
    void prefixHitRateFromTheEnginesGaugeWhenItHasNoCounters() {
        Fixture fx = prefixRun("sglang");
        fx.counter("p", 1, EngineMetricNames.PREFIX_CACHE_HIT_RATE, "", 0.2);
        fx.counter("p", 9, EngineMetricNames.PREFIX_CACHE_HIT_RATE, "", 0.6);
        fx.counter("p", 1, EngineMetricNames.PROMPT_TOKENS, "", 10);
        fx.counter("p", 9, EngineMetricNames.PROMPT_TOKENS, "", 90);
        Row p = only(Analyses.computeAll(fx, AnalysisOptions.defaults()).get("prefix_cache"));
        assertThat(d(p, "hit_rate")).isCloseTo(0.4, EPS);
        assertThat(p.<String>getAs("hit_rate_source")).isEqualTo("gauge");
    }

    @Test
    void sglangSpecAcceptanceFromItsGauges() {
        Fixture fx = new Fixture();
        fx.run("base", "m", "sglang", "single_request_latency");
        Map<String, Object> spec = fx.run("ng", "m", "sglang", "single_request_latency");
        spec.put("engine_variant", "sglang-ngram");
        spec.put("spec_method", "ngram");
        fx.request("base", 0, 0, 10, 110, 11);
        fx.request("ng", 0, 0, 10, 60, 11);
        // 0 before the first speculative step is logged: not a measurement
        fx.counter("ng", 1, EngineMetricNames.SPEC_ACCEPT_RATE, "", 0);
        fx.counter("ng", 2, EngineMetricNames.SPEC_ACCEPT_RATE, "", 0.5);
        fx.counter("ng", 3, EngineMetricNames.SPEC_ACCEPT_RATE, "", 0.7);
        fx.counter("ng", 1, EngineMetricNames.SPEC_ACCEPT_LENGTH, "", 0);
        fx.counter("ng", 2, EngineMetricNames.SPEC_ACCEPT_LENGTH, "", 2.5);
        fx.counter("ng", 3, EngineMetricNames.SPEC_ACCEPT_LENGTH, "", 3.5);
        Row s = only(Analyses.computeAll(fx, AnalysisOptions.defaults()).get("spec_decoding"));
        assertThat(d(s, "acceptance_rate")).isCloseTo(0.6, EPS);
        assertThat(d(s, "mean_accepted_length")).isCloseTo(3.0, EPS);
        assertThat(s.<String>getAs("acceptance_source")).isEqualTo("gauge");
    }

    @Test
    void vllmCountersStillWinOverGauges() {
        Fixture fx = new Fixture();
        Map<String, Object> spec = fx.run("ng", "m", "vllm", "single_request_latency");
        spec.put("engine_variant", "vllm-ngram");
        spec.put("spec_method", "ngram");
        fx.request("ng", 0, 0, 10, 60, 11);
        fx.counter("ng", 1, EngineMetricNames.SPEC_DRAFT_TOKENS, "", 0);
        fx.counter("ng", 3, EngineMetricNames.SPEC_DRAFT_TOKENS, "", 100);
        fx.counter("ng", 1, EngineMetricNames.SPEC_ACCEPTED_TOKENS, "", 0);
        fx.counter("ng", 3, EngineMetricNames.SPEC_ACCEPTED_TOKENS, "", 40);
        fx.counter("ng", 2, EngineMetricNames.SPEC_ACCEPT_RATE, "", 0.9);
        Row s = only(Analyses.computeAll(fx, AnalysisOptions.defaults()).get("spec_decoding"));
        assertThat(d(s, "acceptance_rate")).isCloseTo(0.4, EPS);
        assertThat(s.<String>getAs("acceptance_source")).isEqualTo("counters");
    }

    private static Fixture prefixRun(String engine) {
        Fixture fx = new Fixture();
        fx.run("p", "m", engine, "prefix_sharing_benefit");
        fx.request("p", 0, 0, 100, 200, 3).put("arm", "unique");
        fx.request("p", 1, 300, 40, 140, 3).put("arm", "shared");
        return fx;
    }

    private static Row only(Dataset<Row> df) {
        List<Row> rows = df.collectAsList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static double d(Row r, String c) {
        assertThat(r.<Object>getAs(c)).as(c).isNotNull();
        return ((Number) r.getAs(c)).doubleValue();
    }
}
