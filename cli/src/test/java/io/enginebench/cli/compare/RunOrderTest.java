package io.enginebench.cli.compare;

import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOrderTest {
    @Test
    void alternateRunsBaselineThenCandidatePerIteration() {
        assertThat(RunOrder.ALTERNATE.plan(3, 1)).extracting(RunOrder.Slot::side).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(RunOrder.ALTERNATE.plan(3, 1)).extracting(RunOrder.Slot::iteration)
                .containsExactly(1, 1, 2, 2, 3, 3);
    }

    @Test
    void randomKeepsEachIterationsPairTogetherAndRepeatsWithItsSeed() {
        List<RunOrder.Slot> plan = RunOrder.RANDOM.plan(20, 7);
        for (int i = 0; i < plan.size(); i += 2) {
            assertThat(plan.get(i).iteration()).isEqualTo(i / 2 + 1).isEqualTo(plan.get(i + 1).iteration());
            assertThat(plan.get(i).side() + plan.get(i + 1).side()).isEqualTo(1);
        }
        // both sides go first sometimes (20 fair coins all alike: 2 in a million)
        assertThat(plan.stream().filter(s -> plan.indexOf(s) % 2 == 0).map(RunOrder.Slot::side).distinct())
                .containsExactlyInAnyOrder(0, 1);
        assertThat(RunOrder.RANDOM.plan(20, 7)).isEqualTo(plan);
    }

    @Test
    void unknownOrderIsAUserError() {
        assertThatThrownBy(() -> RunOrder.parse("abab")).isInstanceOf(UserFacingException.class);
    }
}
