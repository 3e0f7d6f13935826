package io.enginebench.loadgen.matrix;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.breaker.BreakerOptions;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.EngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.UserFacingException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs a matrix cell with the ordinary scenario runner: one iteration, numbered as the cell says. */
public final class ScenarioCellRunner implements CellRunner {
    private static final Set<String> OVERRIDE_KEYS = Set.of("requests", "concurrency", "rate", "max_tokens",
            "prompt_pack", "warmup", "seed", "duration");

    private final EngineConnector connector;
    private final PromptPacks packs;
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();
    private final LoadControl control;
    private final boolean quiet;
    private final PrintStream out;
    private final BreakerOptions breaker;

    public ScenarioCellRunner(EngineConnector connector, PromptPacks packs, LoadControl control, boolean quiet,
                              PrintStream out) {
        this(connector, packs, control, quiet, out, BreakerOptions.standard());
    }

    /** @param breaker when a cell stops sending to an engine that died, and how long it waits for it */
    public ScenarioCellRunner(EngineConnector connector, PromptPacks packs, LoadControl control, boolean quiet,
                              PrintStream out, BreakerOptions breaker) {
        this.breaker = breaker;
        this.connector = connector;
        this.packs = packs;
        this.control = control;
        this.quiet = quiet;
        this.out = out;
    }

    @Override
    public Path run(MatrixCell cell, String matrixId, Path output, Map<String, Object> overrides) throws Exception {
        Scenario scenario = toOverrides(overrides).applyTo(catalog.get(cell.scenario()));
        RunOptions options = RunOptions.defaults(output).withQuiet(quiet).inMatrix(matrixId, cell.iteration())
                .withBreaker(breaker);
        List<RunResult> results = new ScenarioRunner(connector, packs, options, out)
                .run(scenario, cell.engine().target(cell.model()), control);
        RunResult r = results.get(0);
        if (r.manifest().status() == RunStatus.ABORTED) {
            throw new EngineDownException("run " + r.runDir() + " aborted (" + r.manifest().abortReason() + ")");
        }
        if (r.manifest().status() != RunStatus.COMPLETE) {
            throw new IllegalStateException("run " + r.runDir() + " ended " + r.manifest().status().wire());
        }
        return r.runDir();
    }

    /** The matrix's {@code overrides} mapping, with one iteration per cell. */
    static ScenarioOverrides toOverrides(Map<String, Object> o) {
        for (String k : o.keySet()) {
            if (!OVERRIDE_KEYS.contains(k)) {
                throw new UserFacingException("unknown matrix override '" + k + "' (known: " + OVERRIDE_KEYS + ")");
            }
        }
        return new ScenarioOverrides(integer(o.get("requests")), integers(o.get("concurrency")),
                doubles(o.get("rate")), integer(o.get("max_tokens")), (String) o.get("prompt_pack"), 1,
                integer(o.get("warmup")), o.get("seed") == null ? null : ((Number) o.get("seed")).longValue(),
                o.get("duration") == null ? null : ((Number) o.get("duration")).doubleValue());
    }

    private static Integer integer(Object v) { return v == null ? null : ((Number) v).intValue(); }

    private static List<Integer> integers(Object v) {
        if (v == null) return null;
        if (v instanceof List<?> l) return l.stream().map(x -> ((Number) x).intValue()).toList();
        return List.of(((Number) v).intValue());
    }

    private static List<Double> doubles(Object v) {
        if (v == null) return null;
        if (v instanceof List<?> l) return l.stream().map(x -> ((Number) x).doubleValue()).toList();
        return List.of(((Number) v).doubleValue());
    }
}
