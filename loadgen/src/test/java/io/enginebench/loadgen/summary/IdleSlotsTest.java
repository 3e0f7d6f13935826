package io.enginebench.loadgen.summary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IdleSlotsTest {
    @Test
    void aSlotRefilledAtTheInstantItFreesIsNeverIdle() {
        List<long[]> spans = List.of(new long[] {0, 10}, new long[] {0, 10}, new long[] {10, 20}, new long[] {10, 20});
        assertThat(IdleSlots.share(spans, 2)).isZero();
    }

    @Test
    void aSlotLeftEmptyCountsForTheTimeItStaysEmpty() {
        // concurrency 2 from 0 to the last send at 25: one slot freed at 20 is refilled only at 25 → 5 of 2 × 25
        List<long[]> spans = List.of(new long[] {0, 10}, new long[] {0, 20}, new long[] {10, 30}, new long[] {25, 40});
        assertThat(IdleSlots.share(spans, 2)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void aLevelThatNeverRefilledASlotHasNothingToJudge() {
        assertThat(IdleSlots.share(List.of(new long[] {0, 10}, new long[] {0, 12}), 2)).isZero();
    }
}
