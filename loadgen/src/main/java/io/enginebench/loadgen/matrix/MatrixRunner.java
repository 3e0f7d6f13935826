package io.enginebench.loadgen.matrix;

import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a matrix unattended: one engine at a time (start, health wait, its cells, stop, cooldown), skipping cells that
 * already have a complete run folder, and keeping {@code matrix-<id>.json} current after every cell. A lock file in the
 * output directory keeps a second matrix from starting another engine on the same machine.
 */
public final class MatrixRunner {
    private final MatrixConfig config;
    private final Path output;
    private final CellRunner cells;
    private final EngineLifecycle engines;
    private final PrintWriter out;
    /** the run folder of the cell that just completed, by cell key */
    private final Map<String, Path> runDirs = new HashMap<>();

    /** How often an engine that died under a cell is restarted for that cell before the cell counts as failed. */
    static final int ENGINE_RESTARTS = 2;

    public MatrixRunner(MatrixConfig config, Path output, CellRunner cells, PrintWriter out) {
        this.config = config;
        this.output = output;
        this.cells = cells;
        this.engines = new EngineLifecycle(output);
        this.out = out;
    }

    /** Outcome of a matrix invocation. */
    public record Summary(int total, int ran, int skipped, int failed) {}

    /**
     * @param resume  required to continue a matrix that already has completed cells (guards against reusing an id by mistake)
     * @param dryRun  only print the plan and what would be skipped
     */
    public Summary run(boolean resume, boolean dryRun) throws IOException, InterruptedException {
        MatrixPlan plan = MatrixPlan.of(config);
        Map<String, Path> done = CompletedCells.find(output, config.matrixId());
        if (!done.isEmpty() && !resume && !dryRun) {
            throw new UserFacingException("matrix '" + config.matrixId() + "' already has " + done.size()
                    + " completed cell(s) in " + output + "; pass --resume to continue it, or use a new matrix_id");
        }
        List<MatrixManifest.CellState> states = new ArrayList<>();
        for (MatrixPlan.Group g : plan.groups()) {
            for (MatrixCell c : g.cells()) {
                Path dir = done.get(c.key());
                states.add(state(c, dir == null ? "pending" : "skipped_complete", dir, null));
            }
        }
        if (dryRun) {
            printPlan(plan, done);
            return new Summary(plan.cellCount(), 0, done.size(), 0);
        }
        Files.createDirectories(output);
        try (FileChannel ch = FileChannel.open(output.resolve(".matrix.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                throw new UserFacingException("another bench matrix is running with output " + output);
            }
            return execute(plan, done, states);
        }
    }

    private Summary execute(MatrixPlan plan, Map<String, Path> done, List<MatrixManifest.CellState> states)
            throws IOException, InterruptedException {
        String startedAt = Instant.now().toString();
        int ran = 0, failed = 0;
        int index = 0;
        write(startedAt, "running", states);
        for (MatrixPlan.Group g : plan.groups()) {
            int first = index;
            index += g.cells().size();
            List<MatrixCell> pending = g.cells().stream().filter(c -> !done.containsKey(c.key())).toList();
            if (pending.isEmpty()) continue;
            out.printf("== %s on %s: %d cell(s) to run%n", g.model(), g.engine().name(), pending.size());
            out.flush();
            EngineLifecycle.Running engine;
            try {
                engine = engines.start(g.engine(), g.model());
            } catch (UserFacingException e) {
                out.println("   engine did not start: " + e.getMessage());
                for (int i = first; i < index; i++) {
                    if ("pending".equals(states.get(i).status())) {
                        states.set(i, withStatus(states.get(i), "failed", null, e.getMessage()));
                        failed++;
                    }
                }
                write(startedAt, "running", states);
                continue;
            }
            EngineLifecycle.Running[] current = {engine};
            try {
                for (int i = first; i < index; i++) {
                    MatrixCell cell = g.cells().get(i - first);
                    if (done.containsKey(cell.key())) continue;
                    states.set(i, withStatus(states.get(i), "running", null, null));
                    write(startedAt, "running", states);
                    String error = runCell(cell, g, current);
                    if (error == null) {
                        states.set(i, withStatus(states.get(i), "complete", runDirs.remove(cell.key()), null));
                        ran++;
                        out.printf("   done   %s%n", cell.key());
                    } else {
                        states.set(i, withStatus(states.get(i), "failed", null, error));
                        failed++;
                        out.printf("   FAILED %s: %s%n", cell.key(), error);
                    }
                    out.flush();
                    write(startedAt, "running", states);
                }
            } finally {
                if (current[0] != null) current[0].close();
            }
            TimeUnit.SECONDS.sleep(g.engine().cooldownSeconds());
        }
        write(startedAt, failed == 0 ? "complete" : "failed", states);
        return new Summary(plan.cellCount(), ran, done.size(), failed);
    }

    /**
     * Runs a cell; when the engine died under it (the run aborted), restarts the engine and runs the cell again, at
     * most {@link #ENGINE_RESTARTS} times. Returns null when the cell completed, else why it failed.
     */
    private String runCell(MatrixCell cell, MatrixPlan.Group g, EngineLifecycle.Running[] engine)
            throws IOException, InterruptedException {
        for (int restarts = 0; ; restarts++) {
            if (engine[0] == null) return "engine did not restart";
            try {
                runDirs.put(cell.key(), cells.run(cell, config.matrixId(), output, config.overrides()));
                return null;
            } catch (EngineDownException e) {
                if (restarts == ENGINE_RESTARTS) return e.getMessage() + "; engine restarted " + restarts + " time(s)";
                out.printf("   engine down during %s: restarting %s (%d/%d)%n", cell.key(), g.engine().name(),
                        restarts + 1, ENGINE_RESTARTS);
                out.flush();
                engine[0].close();
                engine[0] = null;
                try {
                    engine[0] = engines.start(g.engine(), g.model());
                } catch (UserFacingException notBack) {
                    return e.getMessage() + "; restart failed: " + notBack.getMessage();
                }
            } catch (Exception e) {
                return String.valueOf(e.getMessage());
            }
        }
    }

    private void printPlan(MatrixPlan plan, Map<String, Path> done) {
        out.printf("matrix %s: %d cells in %d engine group(s), output %s%n", config.matrixId(), plan.cellCount(),
                plan.groups().size(), output);
        for (MatrixPlan.Group g : plan.groups()) {
            out.printf("== %s on %s (start: %s)%n", g.model(), g.engine().name(),
                    g.engine().startCommand() == null ? "already running" : g.engine().startCommand());
            for (MatrixCell c : g.cells()) {
                out.printf("   %-8s %s%n", done.containsKey(c.key()) ? "skip" : "run", c.key());
            }
        }
        out.flush();
    }

    private void write(String startedAt, String status, List<MatrixManifest.CellState> states) throws IOException {
        new MatrixManifest(config.matrixId(), startedAt, Instant.now().toString(), status, List.copyOf(states))
                .write(output);
    }

    private static MatrixManifest.CellState state(MatrixCell c, String status, Path dir, String error) {
        return new MatrixManifest.CellState(c.key(), c.model(), c.engine().name(), c.engine().variant(),
                c.scenario(), c.iteration(), status, dir == null ? null : dir.toString(), error);
    }

    private static MatrixManifest.CellState withStatus(MatrixManifest.CellState s, String status, Path dir,
                                                       String error) {
        return new MatrixManifest.CellState(s.key(), s.model(), s.engine(), s.variant(), s.scenario(), s.iteration(),
                status, dir == null ? s.runDir() : dir.toString(), error);
    }
}
