package io.enginebench.loadgen.matrix;

import io.enginebench.loadgen.engine.EngineProfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a matrix runs: per model, per engine profile (one engine up at a time), every scenario and
 * iteration. Grouping by engine keeps start/stop cycles — minutes each on a GPU — to one per model × engine.
 */
public record MatrixPlan(List<Group> groups) {

    /** The cells that run between one engine start and its stop. */
    public record Group(String model, EngineProfile engine, List<MatrixCell> cells) {}

    public static MatrixPlan of(MatrixConfig config) {
        List<Group> groups = new ArrayList<>();
        for (String model : config.models()) {
            for (EngineProfile engine : config.engines()) {
                List<MatrixCell> cells = new ArrayList<>();
                for (String scenario : config.scenarios()) {
                    for (int it = 1; it <= config.iterations(); it++) {
                        cells.add(new MatrixCell(model, engine, scenario, it));
                    }
                }
                groups.add(new Group(model, engine, List.copyOf(cells)));
            }
        }
        return new MatrixPlan(List.copyOf(groups));
    }

    public int cellCount() { return groups.stream().mapToInt(g -> g.cells().size()).sum(); }
}
