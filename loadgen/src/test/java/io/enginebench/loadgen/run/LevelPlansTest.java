package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.StreamRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LevelPlansTest {
    private static PlannedRequest planned(long seq) {
        return new PlannedRequest(null, null, new StreamRequest("/" + seq, new byte[100], Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
    }

    @Test
    void aLevelThatFitsTheWindowIsPlannedCompletelyBeforeItStarts() throws Exception {
        AtomicLong planned = new AtomicLong();
        try (LevelPlans plans = LevelPlans.plan(100, 128, seq -> {
            planned.incrementAndGet();
            return planned(seq);
        })) {
            assertThat(planned.get()).isEqualTo(100);
            for (long seq = 0; seq < 100; seq++) assertThat(plans.take(seq).wire().path()).isEqualTo("/" + seq);
        }
    }

    @Test
    void aLargerLevelIsPlannedAheadNeverMoreThanOneWindowBeyondWhatWasTaken() throws Exception {
        AtomicLong highest = new AtomicLong(-1);
        int window = 64;
        try (LevelPlans plans = LevelPlans.plan(10_000, window, seq -> {
            highest.accumulateAndGet(seq, Math::max);
            return planned(seq);
        })) {
            assertThat(highest.get()).isEqualTo(window - 1);
            for (long seq = 0; seq < 10_000; seq++) {
                assertThat(plans.take(seq).wire().path()).isEqualTo("/" + seq);
                assertThat(highest.get()).isLessThan(seq + 1 + window);
            }
        }
        assertThat(highest.get()).isEqualTo(9_999);
    }

    @Test
    void aPlanningFailureReachesTheScheduler() throws Exception {
        LevelPlans plans = LevelPlans.plan(1_000, 8, seq -> {
            if (seq == 20) throw new IllegalStateException("tokenizer gone");
            return planned(seq);
        });
        try (plans) {
            for (long seq = 0; seq < 20; seq++) plans.take(seq);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> plans.take(20)).hasMessage("tokenizer gone");
        }
    }

    @Test
    void theWindowHoldsAboutEightMegabytesOfRequests() {
        PlannedRequest small = new PlannedRequest(null, null, new StreamRequest("/", new byte[700], null, null));
        PlannedRequest huge = new PlannedRequest(null, null, new StreamRequest("/", new byte[40_000], null, null));
        assertThat(LevelPlans.windowFor(small)).isEqualTo((int) (LevelPlans.WINDOW_BYTES / 2_100));
        assertThat(LevelPlans.windowFor(huge)).isEqualTo(LevelPlans.MIN_WINDOW);
    }
}
