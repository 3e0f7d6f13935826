package io.enginebench.loadgen.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeStateTest {

    @Test
    void everyStateIsReachableFromTheWriteAndLeadsToTheRelease() {
        assertThat(reachableFrom(ExchangeState.WRITING))
                .isEqualTo(EnumSet.complementOf(EnumSet.of(ExchangeState.WRITING)));
        for (ExchangeState s : EnumSet.complementOf(EnumSet.of(ExchangeState.RELEASED))) {
            assertThat(reachableFrom(s)).as("from %s", s).contains(ExchangeState.RELEASED);
        }
        assertThat(ExchangeState.RELEASED.next()).isEmpty();
    }

    @Test
    void aResultIsDeliveredAtMostOnce() {
        for (ExchangeState s : ExchangeState.values()) {
            boolean canDeliver = s.next().contains(ExchangeState.DELIVERED);
            assertThat(canDeliver).as("%s may deliver", s).isEqualTo(s.awaitingResult());
        }
        assertThat(reachableFrom(ExchangeState.DELIVERED)).doesNotContain(ExchangeState.DELIVERED,
                ExchangeState.STREAMING, ExchangeState.RETRIED);
    }

    @Test
    void onlyAnExchangeWithoutResponseMayBeRetried() {
        for (ExchangeState s : ExchangeState.values()) {
            assertThat(s.next().contains(ExchangeState.RETRIED)).as("%s may retry", s).isEqualTo(s.beforeHeaders());
        }
    }

    @Test
    void anIllegalMoveFails() {
        assertThat(ExchangeState.WRITING.moveTo(ExchangeState.AWAITING_HEADERS)).isEqualTo(ExchangeState.AWAITING_HEADERS);
        assertThatThrownBy(() -> ExchangeState.RELEASED.moveTo(ExchangeState.DELIVERED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RELEASED to DELIVERED");
        assertThatThrownBy(() -> ExchangeState.DELIVERED.moveTo(ExchangeState.STREAMING))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ExchangeState.STREAMING.moveTo(ExchangeState.RELEASED))
                .as("the channel is never handed back before the result")
                .isInstanceOf(IllegalStateException.class);
    }

    private static Set<ExchangeState> reachableFrom(ExchangeState start) {
        Set<ExchangeState> seen = EnumSet.noneOf(ExchangeState.class);
        Deque<ExchangeState> todo = new ArrayDeque<>(start.next());
        while (!todo.isEmpty()) {
            ExchangeState s = todo.pop();
            if (seen.add(s)) {
                todo.addAll(s.next());
            }
        }
        return seen;
    }
}
