package io.enginebench.cli;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.EngineTarget;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.run.ShutdownGuard;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.sim.ModelPreset;
import io.enginebench.loadgen.sim.Personality;
import io.enginebench.loadgen.sim.SimConfig;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.SpecConfig;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The whole job on the embedded default: simulated vLLM- and SGLang-like engines on loopback, every scenario in a
 * reduced size for two model presets and two iterations, then ingest, analyze and the dated report — the same commands
 * a user runs by hand, in one process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole job on simulated engines: every scenario (reduced) × 2 model presets × "
                + "vllm/sglang personalities (+ a vllm-ngram variant) × 2 iterations, then ingest, analyze, report.",
                "Everything it produces is marked simulated."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--output", defaultValue = "raw-results", description = "where run folders go (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--warehouse", defaultValue = "warehouse", description = "warehouse (default: ${DEFAULT-VALUE})")
    String warehouse;

    @Option(names = "--reports", defaultValue = "reports", description = "reports directory (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--legacy", description = "also ingest the older harness's results from this folder")
    Path legacy;

    @Option(names = "--iterations", defaultValue = "2", description = "iterations per cell (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--speed", defaultValue = "20",
            description = "simulated time runs this many times faster than real time (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--scenarios", split = ",", description = "only these scenarios (default: all)")
    List<String> scenarios;

    @Option(names = "--date", description = "report date YYYY-MM-DD (default: today, UTC)")
    String date;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (legacy != null && !Files.isDirectory(legacy)) throw new UserFacingException("--legacy: no folder " + legacy);
        if (iterations < 1) throw new UserFacingException("--iterations must be ≥ 1");
        PrintStream out = System.out;
        Path runs = output.resolve("demo-" + LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<DemoPlan.Cell> plan = DemoPlan.cells(ScenarioCatalog.standard(), scenarios, iterations);
        long started = System.nanoTime();
        int failed = runAll(plan, runs, out);
        out.printf("demo: %d runs in %.0f s → %s%n", DemoPlan.runCount(plan), (System.nanoTime() - started) / 1e9,
                runs);

        String day = date != null ? date : LocalDate.now(ZoneOffset.UTC).toString();
        List<String> reprocess = new ArrayList<>(List.of("reprocess", runs.toString()));
        if (legacy != null) reprocess.add(legacy.toString());
        reprocess.addAll(List.of("--warehouse", warehouse, "--out", reports.toString(), "--date", day));
        step(reprocess.toArray(String[]::new));   // ingest, analyze, report in this one Spark session
        out.println();
        out.printf("Simulated engines (presets %s) on a clock %.0f× faster than real time, reduced sizes; mean over "
                + "iterations, whole run (bench sql for more)%n", DemoPlan.PRESETS.stream().map(ModelPreset::name)
                .toList(), speed);
        step("sql", "--warehouse", warehouse, "--limit", "200", DemoPlan.SUMMARY_SQL.formatted(runs.getFileName()));
        out.printf("%nreport: %s%n", reports.resolve(day).resolve("final_report.html").toAbsolutePath());
        out.printf("index:  %s%n", reports.resolve("index.html").toAbsolutePath());
        if (failed > 0) out.printf("warning: %d run(s) did not complete; see the data-quality section%n", failed);
        return 0;
    }

    /** Runs every cell against fresh simulators: one vllm-like and one sglang-like server per model preset. */
    private int runAll(List<DemoPlan.Cell> plan, Path runs, PrintStream out) throws Exception {
        int failed = 0;
        int total = DemoPlan.runCount(plan);
        int done = 0;
        LoadControl control = LoadControl.standard();
        try (ShutdownGuard guard = new ShutdownGuard(control)) {
            for (ModelPreset preset : DemoPlan.PRESETS) {
                for (DemoPlan.Engine engine : DemoPlan.ENGINES) {
                    SimConfig config = SimConfig.of(engine.personality(), preset).withSpeed(speed).withSpec(engine.spec());
                    try (SimServer sim = SimServer.start(config)) {
                        EngineTarget target = new EngineTarget(EngineKind.SIM, engine.variant(), sim.baseUrl(),
                                config.modelName(), null);
                        for (DemoPlan.Cell cell : plan) {
                            if (control.stopRequested()) throw new UserFacingException("demo interrupted");
                            if (!engine.runs(cell.scenario().name())) continue;
                            done++;
                            out.printf("[%3d/%d] %-8s %-13s %-28s #%d%n", done, total, preset.modelName(),
                                    "sim-" + engine.variant(), cell.scenario().name(), cell.iteration());
                            RunOptions options = RunOptions.defaults(runs)
                                    .inMatrix(runs.getFileName().toString(), cell.iteration());
                            List<RunResult> r = new ScenarioRunner(new HttpEngineConnector(), PromptPacks.defaults(),
                                    options, null).run(cell.scenario(), target, control);
                            if (r.isEmpty() || r.get(0).manifest().status() != RunStatus.COMPLETE) failed++;
                        }
                    }
                }
            }
        }
        return failed;
    }

    /** Runs a sibling bench command in this process; a failure stops the demo with that command's exit code. */
    private void step(String... args) {
        CommandLine root = spec.root().commandLine();
        int code = root.execute(args);
        if (code != 0) throw new UserFacingException("demo stopped: `bench " + String.join(" ", args.length > 3
                ? List.of(args).subList(0, 3) : List.of(args)) + " …` exited with " + code);
    }

    /** What the demo runs: reduced scenarios, model presets, engines. */
    static final class DemoPlan {
        static final List<ModelPreset> PRESETS = List.of(ModelPreset.SMALL_2B, ModelPreset.MEDIUM_8B);

        /** @param only scenarios this engine runs (null: all) */
        record Engine(Personality personality, String variant, SpecConfig spec, List<String> only) {
            boolean runs(String scenario) { return only == null || only.contains(scenario); }
        }

        static final List<Engine> ENGINES = List.of(
                new Engine(Personality.VLLM, "vllm", SpecConfig.NONE, null),
                new Engine(Personality.SGLANG, "sglang", SpecConfig.NONE, null),
                new Engine(Personality.VLLM, "vllm-ngram", new SpecConfig(SpecConfig.Method.parse("ngram"), 4, 0.6),
                        List.of("single_request_latency", "decode_length_sweep_256")));

        record Cell(Scenario scenario, int iteration) {}

        static final String SUMMARY_SQL = """
                SELECT r.model_name AS model, r.engine_variant AS engine, r.scenario,
                       round(avg(s.ttft_ms_p50), 1) AS ttft_p50_ms, round(avg(s.tpot_ms_p50), 2) AS tpot_p50_ms,
                       round(avg(s.output_tps), 0) AS output_tok_s, count(*) AS iterations
                FROM run_summary s JOIN runs r ON s.run_uid = r.run_uid
                WHERE s.scope = 'run' AND r.matrix_id = '%s'
                GROUP BY 1, 2, 3 ORDER BY 3, 1, 2""";

        static int runCount(List<Cell> plan) {
            long perPreset = plan.stream().mapToLong(c -> ENGINES.stream().filter(e -> e.runs(c.scenario().name()))
                    .count()).sum();
            return (int) perPreset * PRESETS.size();
        }

        static List<Cell> cells(ScenarioCatalog catalog, List<String> only, int iterations) {
            List<Cell> cells = new ArrayList<>();
            for (Scenario s : catalog.all()) {
                if (only != null && !only.isEmpty() && !only.contains(s.name())) continue;
                Scenario reduced = reduce(s);
                for (int it = 1; it <= iterations; it++) cells.add(new Cell(reduced, it));
            }
            if (cells.isEmpty()) throw new UserFacingException("--scenarios matched none of " + catalog.all().stream()
                    .map(Scenario::name).toList());
            return cells;
        }

        /**
         * A few requests per level and at most three levels, one warm-up; labels stay true (prompt lengths,
         * decode lengths with ignore_eos, two arms) — only the sample sizes shrink.
         */
        static Scenario reduce(Scenario s) {
            var load = s.load();
            List<Integer> c = load.concurrency();
            boolean longDecode = s.ignoreEos() && s.maxTokens() != null && s.maxTokens() >= 1024;
            List<Integer> levels = c == null || c.size() <= 2 ? c
                    : longDecode ? List.of(c.get(0), c.get(c.size() - 1))
                    : List.of(c.get(0), c.get(c.size() / 2), c.get(c.size() - 1));
            List<Double> rates = load.rates() == null || load.rates().size() <= 2 ? load.rates()
                    : List.of(load.rates().get(1), load.rates().get(load.rates().size() - 1));
            int requests = longDecode ? 4 : 8;
            // a structured arm needs its scenario's max_tokens to finish the schema (else: structured_truncated)
            boolean structured = s.arms() != null && s.arms().stream().anyMatch(a -> a.structured());
            Integer maxTokens = s.ignoreEos() || structured || s.maxTokens() == null ? s.maxTokens()
                    : Integer.valueOf(Math.min(s.maxTokens(), 96));
            return s.withLoad(load.with(levels, requests, rates, null))
                    .with(s.promptPack(), maxTokens, 1, s.seed(), 1);
        }
    }
}
