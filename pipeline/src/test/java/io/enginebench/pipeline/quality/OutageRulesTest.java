package io.enginebench.pipeline.quality;

import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OutageRules}: an aborted run is an error, a resumed outage a warning, a run without either nothing. */
class OutageRulesTest {
    private static RunManifest manifest(RunStatus status, List<RunManifest.Outage> outages, String reason) {
        return new RunManifest("r-1", TraceSchema.VERSION, "2026-12-07T00:00:00Z", null, status, "rate_sweep", null,
                null, null, null, null, null, 1, null, Map.of(), 0L, null, Map.of("ok", 10L))
                .withOutages(outages, reason);
    }

    @Test
    void anAbortedRunIsAnErrorWithItsReason() {
        List<Finding> f = OutageRules.of(manifest(RunStatus.ABORTED,
                List.of(new RunManifest.Outage(6_000_000_000L, null, 5, 154, null)), RunManifest.ENGINE_UNREACHABLE),
                "raw/r-1");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(Rules.RUN_ABORTED);
            assertThat(x.severity()).isEqualTo(Finding.ERROR);
            assertThat(x.runUid()).isEqualTo("r-1");
            assertThat(x.detail()).contains("engine_unreachable", "+6.0 s", "154 request(s) not sent",
                    "left out of comparisons");
        });
    }

    @Test
    void aResumedOutageIsAWarningWithItsLengthAndTheCatchUpChoice() {
        List<Finding> f = OutageRules.of(manifest(RunStatus.COMPLETE,
                List.of(new RunManifest.Outage(1_000_000_000L, 3_500_000_000L, 5, 25, false)), null), "raw/r-1");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(Rules.ENGINE_OUTAGE);
            assertThat(x.severity()).isEqualTo(Finding.WARNING);
            assertThat(x.detail()).contains("1 time(s), 2.5 s in total", "25 request(s) held back",
                    "schedule shifted");
        });
    }

    @Test
    void aRunTheEngineStayedUpForHasNoFinding() {
        assertThat(OutageRules.of(manifest(RunStatus.COMPLETE, null, null), "raw/r-1")).isEmpty();
        assertThat(Rules.ENGINE_DOWN).containsExactly(Rules.RUN_ABORTED, Rules.ENGINE_OUTAGE);
    }
}
