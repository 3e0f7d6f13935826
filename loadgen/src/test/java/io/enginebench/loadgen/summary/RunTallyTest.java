package io.enginebench.loadgen.summary;

import io.enginebench.trace.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.enginebench.loadgen.summary.TraceSummaryTest.req;
import static org.assertj.core.api.Assertions.assertThat;

class RunTallyTest {
    @Test
    void countsMeasuredOutcomesAndSummarisesEachLevelAsTheRecordsWould() {
        long ms = 1_000_000;
        List<RequestRecord> rs = List.of(
                req(0, "warmup", "ok", 0, 5 * ms, 9 * ms, 9 * ms, 5),
                req(1, "measured", "ok", 0, 10 * ms, 100 * ms, 100 * ms, 10),
                req(2, "measured", "ok", 0, 20 * ms, 200 * ms, 200 * ms, 10),
                req(3, "measured", "timeout", 0, 0, 0, 300 * ms, 0));
        RunTally tally = new RunTally();
        rs.forEach(tally::add);

        assertThat(tally.outcomeCounts()).isEqualTo(Map.of("ok", 2L, "timeout", 1L));
        assertThat(tally.perLevel()).isEqualTo(TraceSummary.perLevel(rs)).hasSize(1);
        LevelTally level = tally.level(0, null);
        assertThat(level.ok()).isEqualTo(2);
        assertThat(level.failed()).isEqualTo(1);
        assertThat(level.ttftSched().values()).containsExactly(10.0, 20.0);
        assertThat(tally.level(1, null)).isNull();
    }
}
