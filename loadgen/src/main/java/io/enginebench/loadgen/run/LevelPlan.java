package io.enginebench.loadgen.run;

import io.enginebench.loadgen.scenario.Arm;

/**
 * One level of a run: a concurrency (closed loop) or a rate (open loop), within one arm.
 *
 * @param warmup         warm-up requests sent, and drained, before this level's measured requests (the run's first level)
 * @param measured       measured requests (a timed open-loop level: round(rate × duration))
 * @param concurrency    closed loop: the concurrency; open loop: the cap, or null
 * @param targetRate     open loop: offered requests/s, else null
 */
record LevelPlan(int index, Arm arm, Integer concurrency, Double targetRate, int warmup, int measured) {

    boolean openLoop() { return targetRate != null; }

    String label() {
        String load = openLoop() ? String.format("%.2f req/s", targetRate) : "c=" + concurrency;
        return "L" + index + (arm.name() == null ? "" : " " + arm.name()) + " " + load;
    }
}
