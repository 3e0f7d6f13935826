package io.enginebench.cli.compare;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.run.ShutdownGuard;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scenario on two engines in a {@link RunOrder}: one iteration per run, each run folder numbered with its
 * iteration and grouped under the comparison's id ({@code matrix_id}), so both sides' iteration i use the same
 * prompts and arrival seeds. The order actually run is written to {@code order.csv} next to the run folders.
 */
final class InterleavedRuns {
    /** The run ids of each side (0 baseline, 1 candidate) and the order as lines of order.csv. */
    record Result(List<List<String>> runIds, List<String> orderLines) {}

    private final PromptPacks packs;
    private final PrintStream out;

    InterleavedRuns(PromptPacks packs, PrintStream out) {
        this.packs = packs;
        this.out = out;
    }

    /** {@code scenario} must be of one iteration; {@code plan} says which side runs which iteration when. */
    Result run(Scenario scenario, List<EngineTarget> sides, List<RunOrder.Slot> plan, Path dir, String id)
            throws Exception {
        List<List<String>> ids = List.of(new ArrayList<>(), new ArrayList<>());
        List<String> lines = new ArrayList<>(List.of("position,side,engine,iteration,run_id,status"));
        LoadControl control = LoadControl.standard();
        try (ShutdownGuard guard = new ShutdownGuard(control)) {
            int position = 0;
            for (RunOrder.Slot slot : plan) {
                if (control.stopRequested()) throw new UserFacingException("compare interrupted");
                EngineTarget t = sides.get(slot.side());
                position++;
                out.printf("[%2d/%d] %-9s %-20s iteration %d%n", position, plan.size(), side(slot.side()),
                        t.variant(), slot.iteration());
                RunOptions options = RunOptions.defaults(dir).inMatrix(id, slot.iteration());
                List<RunResult> r = new ScenarioRunner(new HttpEngineConnector(), packs, options, null)
                        .run(scenario, t, control);
                for (RunResult result : r) {
                    String runId = result.manifest().runId();
                    ids.get(slot.side()).add(runId);
                    lines.add(String.join(",", Integer.toString(position), side(slot.side()), t.variant(),
                            Integer.toString(slot.iteration()), runId, result.manifest().status().wire()));
                }
            }
        }
        write(dir.resolve("order.csv"), lines);
        return new Result(ids, lines);
    }

    static String side(int i) {
        return i == 0 ? "baseline" : "candidate";
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
