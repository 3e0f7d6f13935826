package io.enginebench.pipeline.quality;

import io.enginebench.pipeline.quality.CrossRunRules.RunKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CrossRunRules}: repeated cells and extra iterations across runs, judged by time order. */
class CrossRunRulesTest {
    private static RunKey run(String uid, String collection, String scenario, Integer iteration, long ts) {
        return new RunKey(uid, "results/" + uid + ".json", collection, "llama-8b", "vllm", scenario, iteration, ts);
    }

    /** Three iterations of each scenario in collection c: the usual count is 3. */
    private static List<RunKey> usualCollection() {
        List<RunKey> runs = new ArrayList<>();
        long ts = 0;
        for (String scenario : List.of("chat", "rag", "code")) {
            for (int it = 1; it <= 3; it++) {
                runs.add(run(scenario + it, "c", scenario, it, ts += 10));
            }
        }
        return runs;
    }

    @Test
    void cellsWithTheUsualRunCountHaveNoFinding() {
        assertThat(CrossRunRules.check(usualCollection())).isEmpty();
    }

    @Test
    void aCellMeasuredTwiceFlagsTheLaterRun() {
        List<RunKey> runs = usualCollection();
        // listed first, measured later than chat2: time order, not list order, decides which run is the repeat
        runs.add(0, run("chat2-again", "c", "chat", 2, 1_000));

        List<Finding> found = CrossRunRules.check(runs);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rules.REPEATED_CELL);
            assertThat(f.runUid()).isEqualTo("chat2-again");
            assertThat(f.severity()).isEqualTo(Finding.WARNING);
            assertThat(f.detail()).isEqualTo("same cell (c, llama-8b, vllm, chat, iteration 2) measured 2 times;"
                    + " first: results/chat2.json");
        });
    }

    @Test
    void runsBeyondTheCollectionsUsualCountAreExtraIterations() {
        List<RunKey> runs = usualCollection();
        runs.add(run("chat4", "c", "chat", 4, 2_000));
        runs.add(run("chat5", "c", "chat", 5, 3_000));

        List<Finding> found = CrossRunRules.check(runs);

        assertThat(found).extracting(Finding::runUid).containsExactly("chat4", "chat5");
        assertThat(found).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rules.EXTRA_ITERATION);
            assertThat(f.severity()).isEqualTo(Finding.INFO);
        });
        assertThat(found.get(0).detail()).isEqualTo("cell (c, llama-8b, vllm, chat, iteration 4) has 5 runs;"
                + " most cells of collection c have 3");
    }

    @Test
    void aRepeatedRunIsNotAlsoCountedAsAnExtraIteration() {
        List<RunKey> runs = usualCollection();
        runs.add(run("chat3-again", "c", "chat", 3, 2_000));

        assertThat(CrossRunRules.check(runs)).extracting(Finding::rule).containsExactly(Rules.REPEATED_CELL);
    }

    @Test
    void eachCollectionHasItsOwnUsualCount() {
        List<RunKey> runs = usualCollection();
        // collection d runs each cell once: one run per cell there is no extra iteration
        runs.add(run("d-chat", "d", "chat", null, 5_000));
        runs.add(run("d-rag", "d", "rag", null, 5_010));

        assertThat(CrossRunRules.check(runs)).isEmpty();
    }
}
