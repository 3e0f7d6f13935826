package io.enginebench.cli;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.run.ShutdownGuard;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.cli.StepPrinter;
import io.enginebench.pipeline.sql.ResultPrinter;
import io.enginebench.pipeline.sql.spark.SparkResults;
import io.enginebench.pipeline.steps.IngestOptions;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.pipeline.steps.ReportOptions;
import io.enginebench.pipeline.steps.ReportResult;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The whole job on the embedded default: simulated vLLM- and SGLang-like engines on loopback run the {@link DemoPlan},
 * then ingest, analyze and the dated report through {@link PipelineSteps} — the same steps a user runs by hand, in one
 * process — and a line saying where the time went.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole job on simulated engines: five scenarios at small sizes × vllm/sglang "
                + "personalities (+ a vllm-ngram variant) × 3 iterations on a 2B preset, then ingest, analyze, report.",
                "--full: every scenario, both model presets (2B, 8B). Everything it produces is marked simulated."})
public final class DemoCommand implements Callable<Integer> {
    /** The summary table is one row per engine × scenario × preset: far fewer than this. */
    private static final int SUMMARY_ROWS = 200;

    @Option(names = "--output", defaultValue = "raw-results", description = "where run folders go (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--warehouse", defaultValue = "warehouse", description = "warehouse (default: ${DEFAULT-VALUE})")
    String warehouse;

    @Option(names = "--reports", defaultValue = "reports", description = "reports directory (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--legacy", description = "also ingest the older harness's results from this folder")
    Path legacy;

    @Option(names = "--iterations", description = "iterations per cell (default: 3)")
    Integer iterations;

    @Option(names = "--speed", description = "simulated time runs this many times faster than real time, recorded in "
            + "each run's manifest as engine.sim_speed (default: 10; with --full 5)")
    Double speed;

    @Option(names = "--seed", description = "seed of the prompt order, arrivals and simulated engines (default: 42)")
    Long seed;

    @Option(names = "--full", description = "the larger demo: every scenario, both model presets (2B and 8B)")
    boolean full;

    @Option(names = "--scenarios", split = ",", description = "only these scenarios of the plan (default: all of the plan)")
    List<String> scenarios;

    @Option(names = "--date", description = "report date YYYY-MM-DD (default: today, UTC)")
    String date;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (legacy != null && !Files.isDirectory(legacy)) throw new UserFacingException("--legacy: no folder " + legacy);
        ReportOptions reportOptions = ReportOptions.defaults().withOut(reports).withDate(ReportOptions.parseDate(date));
        DemoTimings timings = DemoTimings.sinceJvmStart();
        PrintStream out = System.out;
        Path runs = output.resolve("demo-" + LocalDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        DemoPlan plan = full ? DemoPlan.full(catalog, scenarios, iterations, seed, speed)
                : DemoPlan.quick(catalog, scenarios, iterations, seed, speed);
        timings.lap("start");
        warmUp(plan, out);
        timings.lap("warm-up");
        int failed = runAll(plan, runs, out);
        timings.lap("runs (" + plan.runCount() + ")");
        out.printf("demo: %d runs → %s%n", plan.runCount(), runs);

        // the steps a user runs by hand (bench ingest, analyze, report), in this process on one Spark session
        List<String> inputs = new ArrayList<>(List.of(runs.toString()));
        if (legacy != null) inputs.add(legacy.toString());
        StepPrinter printer = new StepPrinter(spec.commandLine().getOut());
        try (PipelineSteps steps = PipelineSteps.open(warehouse).withProgress(out)) {
            printer.ingested(steps.ingest(new IngestOptions(inputs)));
            timings.lap("ingest");
            printer.analyzed(steps.analyze(AnalysisOptions.defaults()), false);
            timings.lap("analyze");
            ReportResult report = steps.report(reportOptions);
            printer.reported(report);
            timings.lap("report");
            out.println();
            out.printf("Simulated engines (preset %s) on a clock %s× faster than real time (engine.sim_speed in each "
                    + "manifest; latencies below are on the real clock), %s plan; mean over iterations, whole run "
                    + "(bench sql for more)%n", plan.presets().stream().map(ModelPreset::name).toList(),
                    DemoTimings.number(plan.speed()), plan.name());
            ResultPrinter.print(SparkResults.of(steps.query(DemoPlan.SUMMARY_SQL.formatted(runs.getFileName()))),
                    ResultPrinter.Format.table, SUMMARY_ROWS, spec.commandLine().getOut());
            timings.lap("summary");
            out.printf("%nreport: %s%n", report.html().toAbsolutePath());
            out.printf("index:  %s%n", report.index().toAbsolutePath());
            if (failed > 0) out.printf("warning: %d run(s) did not complete; see the data-quality section%n", failed);
            out.println(timings.line());
        }
        return 0;
    }

    /**
     * One short unrecorded ramp against a simulator before the first measured run: the JIT compiles the client and the
     * simulator while nothing is measured (on 2 cores the first runs of a cold JVM were client_bound on compilation
     * alone). Its run folder is deleted.
     */
    private void warmUp(DemoPlan plan, PrintStream out) throws Exception {
        out.println("warming up (one unrecorded run)…");
        Path scratch = Files.createTempDirectory("bench-demo-warmup");
        Scenario ramp = DemoPlan.resize(ScenarioCatalog.standard().get("throughput_ramp"),
                new DemoPlan.Size(List.of(1, 4), null, 8, 64));
        SimConfig config = SimConfig.of(Personality.VLLM, plan.presets().get(0)).withSpeed(plan.speed());
        try (SimServer sim = SimServer.start(config)) {
            EngineTarget target = new EngineTarget(EngineKind.SIM, "vllm", sim.baseUrl(), config.modelName(), null);
            new ScenarioRunner(new HttpEngineConnector(), PromptPacks.defaults(), RunOptions.defaults(scratch), null)
                    .run(ramp, target, LoadControl.standard());
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Runs every cell against its own freshly started simulator (one per run, on the plan's clock): a server kept
     * across iterations would serve the second iteration's "unique" prompts from the prefix cache the first one filled.
     */
    private int runAll(DemoPlan plan, Path runs, PrintStream out) throws Exception {
        int failed = 0;
        int total = plan.runCount();
        int done = 0;
        LoadControl control = LoadControl.standard();
        try (ShutdownGuard guard = new ShutdownGuard(control)) {
            for (ModelPreset preset : plan.presets()) {
                for (DemoPlan.Engine engine : plan.engines()) {
                    SimConfig config = SimConfig.of(engine.personality(), preset).withSpeed(plan.speed())
                            .withSpec(engine.spec());
                    for (DemoPlan.Cell cell : plan.cells()) {
                        if (control.stopRequested()) throw new UserFacingException("demo interrupted");
                        if (!engine.runs(cell.scenario().name())) continue;
                        done++;
                        out.printf("[%3d/%d] %-8s %-13s %-28s #%d%n", done, total, preset.modelName(),
                                "sim-" + engine.variant(), cell.scenario().name(), cell.iteration());
                        // each iteration draws its own output lengths and acceptances: iterations are true repeats
                        long simSeed = (seed == null ? SimConfig.DEFAULT_SEED : seed) + cell.iteration() - 1;
                        try (SimServer sim = SimServer.start(config.withSeed(simSeed))) {
                            EngineTarget target = new EngineTarget(EngineKind.SIM, engine.variant(), sim.baseUrl(),
                                    config.modelName(), null);
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
}
