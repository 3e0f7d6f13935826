package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A legacy file in miniature: the per-request numbers and the file's own metrics block of one real single-request
 * run (49 successes with 0 chunks each, ttft = total, and one failure with an empty error), recomputed.
 */
class LegacyFileMetricsTest {
    /** ttft_ms = total_ms per request; -1 marks the failed request (stored as 0 ms). */
    private static final double[] TTFT = {73.16806500602979, 73.04475699493196, 70.44508900435176, 74.88238300720695, 72.7343699982157, 73.62993100832682, 72.61702300456818, 72.6837969996268, 72.37692900525872, 74.06051599537022, 70.56670500605833, 73.44577099138405, 73.81895199068822, 72.99940499069635, 73.57274800597224, 73.02948599681258, 74.38655498845037, 70.3184610028984, 72.5487890013028, 72.29605500469916, 72.8613969986327, 70.49086100596469, 74.52403199567925, 70.25440699362662, 71.35641100467183, 71.9390539888991, 72.80603400431573, 70.49509200442117, 71.98770699324086, 72.2229709936073, 71.70592100010253, 70.80512000538874, 71.97082600032445, 70.55780501104891, 74.13280000037048, 70.74935700802598, 72.35171699721832, 71.03767299850006, 72.75957099045627, 71.3497010001447, -1, 74.24540599458851, 70.4370680032298, 72.52611800504383, 74.71291298861615, 71.38172199483961, 70.47261099796742, 70.74002501030918, 70.52454400400165, 72.46614400355611};
    /** the warehouse stores times as whole ns, so ms values agree to 1e-6 ms */
    private static final org.assertj.core.data.Offset<Double> NS_PRECISION = within(1e-6);
    private static final double WALL_S = 2.0112500190734863;

    @Test
    void recomputedMetricsAgreeWithTheFilesMetricsBlock() {
        Fixture fx = new Fixture();
        fx.legacyRun("L", "gemma-4-e2b-it", "sglang", "single_request_latency", WALL_S);
        for (int i = 0; i < TTFT.length; i++) {
            boolean ok = TTFT[i] >= 0;
            fx.legacyRequest("L", i, ok, ok ? TTFT[i] : 0, ok ? TTFT[i] : 0, 0);
        }
        Row r = Analyses.computeAll(fx, AnalysisOptions.defaults()).get("legacy_file_metrics").first();
        // the file's metrics block
        assertThat(r.<Double>getAs("ttft_p50_ms")).isCloseTo(72.37692900525872, NS_PRECISION);
        assertThat(r.<Double>getAs("ttft_p95_ms")).isCloseTo(74.4690411927877, NS_PRECISION);
        assertThat(r.<Double>getAs("ttft_p99_ms")).isCloseTo(74.80103739828337, NS_PRECISION);
        assertThat(r.<Double>getAs("latency_p50_ms")).isCloseTo(72.37692900525872, NS_PRECISION);
        assertThat(r.<Double>getAs("latency_p95_ms")).isCloseTo(74.4690411927877, NS_PRECISION);
        assertThat(r.<Double>getAs("latency_p99_ms")).isCloseTo(74.80103739828337, NS_PRECISION);
        assertThat(r.<Double>getAs("requests_per_sec")).isCloseTo(24.36295812818568, within(1e-9));
        assertThat(r.<Double>getAs("tokens_per_sec")).isCloseTo(0.0, within(1e-9));
        assertThat(r.<Double>getAs("error_rate")).isCloseTo(0.02, within(1e-12));
        assertThat(r.<Double>getAs("wall_s")).isEqualTo(WALL_S);
    }
}
