package io.enginebench.pipeline.report;

import tech.tablesaw.api.Table;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which rows come from the built-in simulator, decided by {@code runs.simulated} only (never by engine name: a
 * simulator imitating vllm may share the name of real vllm runs in older warehouses). Rows are matched by run_uid
 * when the table has one, otherwise by (model_name, engine group) of the simulated runs.
 */
public final class SimulatedRuns {
    private final Set<String> runUids = new TreeSet<>();
    private final Set<String> engineGroups = new TreeSet<>();
    private final Set<String> realGroups = new TreeSet<>();
    private final Set<String> modelEngine = new TreeSet<>();
    private final Set<String> models = new TreeSet<>();
    private final Set<Double> speeds = new TreeSet<>();

    SimulatedRuns(Table runs) {
        if (runs == null) {
            return;
        }
        for (int i = 0; i < runs.rowCount(); i++) {
            String variant = TableQueries.text(runs, "engine_variant", i);
            String group = variant.isEmpty() ? TableQueries.text(runs, "engine", i) : variant;
            if (TableQueries.isTrue(runs, "simulated", i)) {
                runUids.add(TableQueries.text(runs, "run_uid", i));
                engineGroups.add(group);
                modelEngine.add(key(TableQueries.text(runs, "model_name", i), group));
                models.add(TableQueries.text(runs, "model_name", i));
                double speed = TableQueries.number(runs, "sim_speed", i);
                if (speed > 0) speeds.add(speed);
            } else {
                realGroups.add(group);
            }
        }
        engineGroups.remove("");
    }

    private static String key(String model, String engine) {
        return model + "\u0000" + engine;
    }

    boolean isEmpty() {
        return runUids.isEmpty();
    }

    /** Engine groups of the simulated runs (for the banner). */
    Set<String> engineGroups() {
        return engineGroups;
    }

    Set<String> models() {
        return models;
    }

    /** The clock speed-ups the simulated runs ran at ({@code runs.sim_speed}); empty for runs that did not record one. */
    Set<Double> speeds() {
        return speeds;
    }

    int runCount() {
        return runUids.size();
    }

    /** True when the engine named in {@code col} on row {@code i} is a simulated one. */
    public boolean isSimulatedEngineCell(Table t, int i, String col) {
        String v = TableQueries.text(t, col, i);
        if (v.isEmpty() || !engineGroups.contains(v)) {
            return false;
        }
        if (TableQueries.has(t, "simulated")) {
            return TableQueries.isTrue(t, "simulated", i);
        }
        if (TableQueries.has(t, "run_uid") && !TableQueries.text(t, "run_uid", i).isEmpty()) {
            return runUids.contains(TableQueries.text(t, "run_uid", i));
        }
        if (TableQueries.has(t, "model_name")) {
            return modelEngine.contains(key(TableQueries.text(t, "model_name", i), v));
        }
        return !realGroups.contains(v);
    }

    /** True when any part of the row comes from a simulated run. */
    public boolean isSimulatedRow(Table t, int i) {
        if (TableQueries.has(t, "simulated")) {
            return TableQueries.isTrue(t, "simulated", i);
        }
        if (TableQueries.has(t, "run_uid") && runUids.contains(TableQueries.text(t, "run_uid", i))) {
            return true;
        }
        for (String c : SectionKit.ENGINE_COLUMNS) {
            if (TableQueries.has(t, c) && isSimulatedEngineCell(t, i, c)) {
                return true;
            }
        }
        return false;
    }
}
