package io.enginebench.cli.compare;

import io.enginebench.loadgen.cli.LoadOptions;
import io.enginebench.loadgen.cli.RunCommand;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.pipeline.cli.StepPrinter;
import io.enginebench.pipeline.compare.CompareReport;
import io.enginebench.pipeline.compare.Comparison;
import io.enginebench.pipeline.compare.RegressionGate;
import io.enginebench.pipeline.compare.RunSelector;
import io.enginebench.pipeline.compare.VerdictTable;
import io.enginebench.pipeline.steps.IngestOptions;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench compare}: head to head. Either runs a scenario on two engines interleaved and ingests those runs, or
 * compares two sets of runs already in the warehouse; then prints the verdict table (CI rule of
 * {@code winners}), writes a small dated report and, with {@code --fail-on-regression}, acts as a CI gate.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a baseline with a candidate: per metric and load, means with 95%% CIs and the verdict "
                + "(winner only when the CIs separate, else tie).",
                "  bench compare --scenario S --engine A --engine B [--iterations N]   run both, interleaved",
                "  bench compare --baseline SELECTOR --candidate SELECTOR              runs already in the warehouse",
                "A SELECTOR is a Spark SQL predicate on runs, or shortcuts NAME:VALUE separated by spaces (all must "
                        + "hold): variant, engine, version, model, scenario, matrix, date (D or FROM..TO), runs "
                        + "(ids, comma-separated)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:compared; no regression beyond --fail-on-regression",
                "3:regression: a gated metric is worse by more than its threshold and the CIs separate",
                "4:insufficient data: no common cell, or fewer than 2 runs a side on every compared metric",
                "2:usage error (bad option, selector or warehouse)", "1:unexpected error"})
public final class CompareCommand implements Callable<Integer> {
    public static final int REGRESSION = 3;
    public static final int INSUFFICIENT_DATA = 4;

    @Option(names = "--scenario", description = "scenario to run on both engines (bench list-scenarios)")
    String scenario;

    @Option(names = "--engine", paramLabel = "PROFILE|URL",
            description = "engine profile YAML or http(s) URL; give it twice: baseline first, candidate second")
    List<String> engines;

    @Option(names = "--baseline", paramLabel = "SELECTOR", description = "baseline runs in the warehouse")
    String baseline;

    @Option(names = "--candidate", paramLabel = "SELECTOR", description = "candidate runs in the warehouse")
    String candidate;

    @Option(names = "--fail-on-regression", paramLabel = "PCT|METRIC:PCT,…",
            description = "exit 3 when the candidate is worse by more than PCT %% with separated CIs; per metric: "
                    + "ttft_ms_p95:5,output_tps:3; a bare PCT covers every metric not named")
    String failOnRegression;

    @Option(names = "--iterations", defaultValue = "5", description = "runs per engine (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--order", defaultValue = "alternate",
            description = "alternate (A B A B …) or random (seeded coin per iteration for who goes first)")
    String order;

    @Option(names = "--order-seed", description = "seed of --order random (default: the clock; recorded)")
    Long orderSeed;

    @Option(names = "--kind", defaultValue = "vllm", description = "engine kind of URL engines (default ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--model", description = "model name as URL engines serve it")
    String model;

    @Option(names = "--api-key-env", description = "environment variable holding URL engines' API key")
    String apiKeyEnv;

    @Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = "--output", defaultValue = "raw-results", description = "where run folders go (default ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--warehouse", defaultValue = "warehouse", description = "warehouse (default ${DEFAULT-VALUE})")
    String warehouse;

    @Option(names = "--reports", defaultValue = "reports", description = "reports directory (default ${DEFAULT-VALUE})")
    Path reports;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        boolean running = scenario != null || engines != null;
        boolean stored = baseline != null || candidate != null;
        if (running == stored) {
            throw new UserFacingException("give either --scenario S --engine A --engine B, or --baseline SELECTOR "
                    + "--candidate SELECTOR");
        }
        RegressionGate gate = failOnRegression == null ? RegressionGate.none() : RegressionGate.parse(failOnRegression);
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try (PipelineSteps steps = PipelineSteps.open(warehouse).withProgress(out)) {
            return compare(steps, gate, stamp, running, out);
        }
    }

    private int compare(PipelineSteps steps, RegressionGate gate, String stamp, boolean running, PrintStream out)
            throws Exception {
        RunSelector base;
        RunSelector cand;
        List<String> sides = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        long t0 = System.nanoTime();
        if (running) {
            InterleavedRuns.Result r = runBoth(steps, unique(output, "compare-" + stamp), sides, extra, out);
            base = RunSelector.parse("runs:" + String.join(",", r.runIds().get(0)));
            cand = RunSelector.parse("runs:" + String.join(",", r.runIds().get(1)));
        } else {
            if (baseline == null || candidate == null) throw new UserFacingException("give both --baseline and --candidate");
            base = RunSelector.parse(baseline);
            cand = RunSelector.parse(candidate);
        }
        long t1 = System.nanoTime();
        Comparison c = steps.compare(base, cand);
        long t2 = System.nanoTime();
        if (!running) {
            sides.add("baseline: " + base.text() + " — " + c.baselineRuns() + " run(s)");
            sides.add("candidate: " + cand.text() + " — " + c.candidateRuns() + " run(s)");
        }
        RegressionGate.Result result = gate.evaluate(c.verdicts());
        out.println();
        sides.forEach(out::println);
        out.println("rule: " + VerdictTable.rule() + " (a = baseline, b = candidate)");
        out.print(VerdictTable.text(c.verdicts(), gate));
        Path dir = unique(reports.resolve(LocalDate.now(ZoneOffset.UTC).toString()), "compare-" + stamp);
        Path html = CompareReport.write(dir, new CompareReport.Content("Comparison " + stamp, sides, extra,
                c.verdicts(), gate, result));
        out.println("report: " + html.toAbsolutePath());
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf(java.util.Locale.ROOT, "time: %s%.1f s compare, %.1f s in all (load average %.1f)%n",
                running ? String.format(java.util.Locale.ROOT, "%.1f s runs and ingest, ", (t1 - t0) / 1e9) : "",
                (t2 - t1) / 1e9, (System.nanoTime() - t0) / 1e9, load);
        result.reasons().forEach(line -> spec.commandLine().getErr().println("bench compare: " + line));
        spec.commandLine().getErr().flush();
        return switch (result.outcome()) {
            case PASS -> 0;
            case REGRESSION -> REGRESSION;
            case INSUFFICIENT_DATA -> INSUFFICIENT_DATA;
        };
    }

    /** Runs the scenario on both engines interleaved, then ingests those runs. */
    private InterleavedRuns.Result runBoth(PipelineSteps steps, Path dir, List<String> sides, List<String> extra, PrintStream out)
            throws Exception {
        if (scenario == null || engines == null || engines.size() != 2) {
            throw new UserFacingException("--scenario S needs --engine twice (baseline, then candidate)");
        }
        if (iterations < 2) throw new UserFacingException("--iterations must be 2 or more (a CI needs two runs a side)");
        List<EngineTarget> targets = engines.stream().map(e -> RunCommand.target(e, kind, null, model, apiKeyEnv))
                .toList();
        Scenario one = load.overrides(1, null)
                .applyTo(ScenarioCatalog.standard().get(scenario));
        PromptPacks packs = PromptPacks.defaults();
        packs.load(one.promptPack());   // a bad pack fails before any engine is touched
        RunOrder how = RunOrder.parse(order);
        long s = orderSeed != null ? orderSeed : System.nanoTime();
        long started = System.nanoTime();
        InterleavedRuns.Result r = new InterleavedRuns(packs, out).run(one, targets, how.plan(iterations, s), dir,
                dir.getFileName().toString());
        for (int i = 0; i < 2; i++) {
            EngineTarget t = targets.get(i);
            sides.add(InterleavedRuns.side(i) + ": " + t.variant() + " at " + t.baseUrl() + " (" + t.model() + ") — "
                    + r.runIds().get(i).size() + " run(s) of " + scenario);
        }
        extra.add("Order (" + how.wire() + (how == RunOrder.RANDOM ? ", seed " + s : "") + "), from " + dir
                .resolve("order.csv") + ":");
        r.orderLines().stream().skip(1).forEach(l -> extra.add("    " + l));
        out.printf(java.util.Locale.ROOT, "runs: %d in %.1f s%n", r.orderLines().size() - 1,
                (System.nanoTime() - started) / 1e9);
        // the comparison analyses the runs it compares itself (Comparison): the warehouse's derived tables stay as they are
        new StepPrinter(spec.commandLine().getOut()).ingested(steps.ingest(IngestOptions.of(dir.toString())));
        return r;
    }

    /** {@code parent/name}, or {@code parent/name-2}, … when a comparison in the same second took it. */
    private static Path unique(Path parent, String name) {
        Path p = parent.resolve(name);
        for (int i = 2; java.nio.file.Files.exists(p); i++) p = parent.resolve(name + "-" + i);
        return p;
    }
}
