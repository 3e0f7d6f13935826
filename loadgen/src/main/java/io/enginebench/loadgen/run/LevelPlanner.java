package io.enginebench.loadgen.run;

import io.enginebench.loadgen.scenario.Arm;
import io.enginebench.loadgen.scenario.LoadKind;
import io.enginebench.loadgen.scenario.LoadSpec;
import io.enginebench.loadgen.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;

/** The levels of a scenario's run, in the order they run: every concurrency or rate of every arm. */
final class LevelPlanner {
    private LevelPlanner() {}

    /** The warm-up requests lead the first level only. */
    static List<LevelPlan> levels(Scenario scenario) {
        LoadSpec load = scenario.load();
        List<LevelPlan> plans = new ArrayList<>();
        for (Arm arm : scenario.arms()) {
            int n = load.kind() == LoadKind.CLOSED ? load.concurrency().size() : load.rates().size();
            for (int i = 0; i < n; i++) {
                int warm = plans.isEmpty() ? scenario.warmup() : 0;
                if (load.kind() == LoadKind.CLOSED) {
                    int c = load.concurrency().get(i);
                    plans.add(new LevelPlan(i, arm, c, null, warm, load.measuredAt(c)));
                } else {
                    double rate = load.rates().get(i);
                    int measured = load.durationSeconds() == null ? load.requestsPerLevel()
                            : (int) Math.max(1, Math.round(rate * load.durationSeconds()));
                    plans.add(new LevelPlan(i, arm, load.concurrencyCap(), rate, warm, measured));
                }
            }
        }
        return plans;
    }
}
