package io.enginebench.loadgen.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.arrival.PreciseWait;
import io.enginebench.loadgen.breaker.CircuitBreaker;
import io.enginebench.loadgen.client.SelfWarmup;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptBuilder;
import io.enginebench.loadgen.prompt.PromptOverhead;
import io.enginebench.loadgen.prompt.PromptPack;
import io.enginebench.loadgen.prompt.PromptPackRecord;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.prompt.TokenEstimator;
import io.enginebench.loadgen.scenario.LoadKind;
import io.enginebench.loadgen.scenario.LoadSpec;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.summary.LevelStats;
import io.enginebench.loadgen.summary.LevelTally;
import io.enginebench.loadgen.summary.ProgressView;
import io.enginebench.loadgen.summary.RunTally;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a scenario against an engine: one run folder per iteration ({@code <output>/<run_id>/}) with the manifest
 * (status running), a journal of every finished request, engine-metric sample and prompt, and a seal at the end
 * ({@code complete}, or {@code partial} when stopped early).
 *
 * <p>Levels (ramps, rates, arms) run back to back in one run; each level drains (waits for its last request) before
 * the next starts, so every request belongs to exactly one load level. The warm-up requests lead the run's first
 * level and hand their slots straight to measured requests.
 */
public final class ScenarioRunner {
    static final String FILLER_PACK = "long_document";
    private static final int UNBOUNDED_OPEN_LOOP_CONNECTIONS = 256;

    private final EngineConnector connector;
    private final PromptPacks packs;
    private final RunOptions options;
    private final PrintStream out;
    private final PreciseWait wait;

    /** @param out where the per-level summary goes; null for none */
    public ScenarioRunner(EngineConnector connector, PromptPacks packs, RunOptions options, PrintStream out) {
        this.connector = connector;
        this.packs = packs;
        this.options = options;
        this.out = out;
        this.wait = PreciseWait.standard();
    }

    /** Runs every iteration of {@code scenario}; stops early (partial) once {@code control} asks to. */
    public List<RunResult> run(Scenario scenario, EngineTarget target, LoadControl control)
            throws IOException, InterruptedException {
        PromptPack pack = packs.load(scenario.promptPack());
        if (options.clientWarmup() == SelfWarmup.Mode.AUTO && SelfWarmup.pending()) {
            Consumer<StreamResult> recording = RecordingWarmup.open();
            try {
                SelfWarmup.oncePerProcess(recording).ifPresent(r -> {
                    if (out != null) out.println(r.describe());
                });
            } finally {
                RecordingWarmup.close(recording);
            }
        }
        List<RunResult> results = new ArrayList<>();
        try (EngineApi api = connector.api(target.baseUrl(), target.kind(), target.apiKeyEnv());
             StreamingClient client = connector.client(target.baseUrl(), maxConnections(scenario.load()),
                     target.apiKeyEnv())) {
            EngineAdapter adapter = connector.adapter(target.kind());
            TokenEstimator tokens = new TokenEstimator(text -> api.countTokens(target.model(), text));
            PromptOverhead overhead = new PromptOverhead(tokens,
                    messages -> api.countChatTokens(target.model(), messages));
            PromptBuilder builder = new PromptBuilder(fillerCorpus(pack), tokens, overhead);
            RequestPlanner planner = new RequestPlanner(scenario, pack, builder, adapter, target.model(), options);
            String version = api.version().orElse(null);
            EngineApi.SimulatorSettings sim = api.simulatorSettings().orElse(null);
            String hardware = target.kind() == EngineKind.SIM && options.hardware() == null
                    ? "simulated engine (no GPU), " + Runtime.getRuntime().availableProcessors() + "-core host"
                    : HardwareLabel.resolve(options.hardware());
            int last = options.firstIteration() + scenario.iterations() - 1;
            for (int it = options.firstIteration(); it <= last && !control.stopRequested(); it++) {
                Iteration iteration = new Iteration(scenario, target, it, planner, client, api, version, sim,
                        hardware, control);
                RunResult result = iteration.run();
                results.add(result);
                if (result.manifest().status() == RunStatus.ABORTED) break; // no engine for the next iteration

            }
        }
        return results;
    }

    private String fillerCorpus(PromptPack pack) {
        PromptPack source = packs.names().contains(FILLER_PACK) ? packs.load(FILLER_PACK) : pack;
        return source.records().stream().map(PromptPackRecord::mainText).collect(Collectors.joining(" "));
    }

    static int maxConnections(LoadSpec load) {
        if (load.kind() == LoadKind.CLOSED) return Collections.max(load.concurrency());
        Integer cap = load.concurrencyCap();
        return cap != null ? cap : UNBOUNDED_OPEN_LOOP_CONNECTIONS;
    }

    /**
     * One iteration = one run folder: writes the manifest, runs the levels (or the SLO search's probes) through a
     * {@link LevelDispatcher}, then seals the folder and prints the summary.
     */
    private final class Iteration {
        private final Scenario scenario;
        private final EngineTarget target;
        private final int number;
        private final RequestPlanner planner;
        private final StreamingClient client;
        private final EngineApi api;
        private final String version;
        private final EngineApi.SimulatorSettings sim;
        private final String hardware;
        private final LoadControl control;
        private final String runId = UUID.randomUUID().toString();
        private final long epochNanos;
        private final long epochUnixNs;
        private final long arrivalSeed;
        private RunJournal journal;
        private ProgressView progress;
        private IterationRecorder recorder;
        private CircuitBreaker breaker;

        Iteration(Scenario scenario, EngineTarget target, int number, RequestPlanner planner, StreamingClient client,
                  EngineApi api, String version, EngineApi.SimulatorSettings sim, String hardware,
                  LoadControl control) {
            this.scenario = scenario;
            this.target = target;
            this.number = number;
            this.planner = planner;
            this.client = client;
            this.api = api;
            this.version = version;
            this.sim = sim;
            this.hardware = hardware;
            this.control = control.scoped(); // an abort ends this iteration, not the caller's other work
            this.arrivalSeed = scenario.seed() + 1_000_003L * (number - 1);
            Instant now = Instant.now();
            this.epochNanos = System.nanoTime();
            this.epochUnixNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        RunResult run() throws IOException, InterruptedException {
            RunFolder folder = new RunFolder(options.outputDir().resolve(runId));
            ObjectNode config = (ObjectNode) scenario.toJson();
            IterationManifest manifest = IterationManifest.start(folder, runId, scenario, config, target, version,
                    sim, hardware, number, options.matrixId(), arrivalSeed, epochUnixNs);
            journal = RunJournal.open(folder.dir());
            MetricsPoller poller = connector.metricsPoller(target.baseUrl(), target.kind(), target.apiKeyEnv(), runId);
            progress = ProgressView.forConsole(options.quiet());
            recorder = new IterationRecorder(runId, epochNanos, journal, progress);
            breaker = new CircuitBreaker(options.breaker(), api::healthy, control, epochNanos,
                    scenario.load().kind() != LoadKind.CLOSED);
            LevelDispatcher dispatcher = new LevelDispatcher(scenario, planner, client, control, wait, arrivalSeed,
                    recorder, progress, breaker, options.breaker().catchUp());
            SelfCheckMonitor selfCheck = new SelfCheckMonitor(options.clientBoundLagMs(), client.eventLoops());
            RunStatus status = RunStatus.COMPLETE;
            try {
                poller.start(epochNanos, journal::record);
                try {
                    if (scenario.load().kind() == LoadKind.SLO_SEARCH) {
                        config.set("result", searchSlo(dispatcher, selfCheck).resultJson());
                    } else {
                        for (LevelPlan level : LevelPlanner.levels(scenario)) {
                            if (control.stopRequested()) {
                                if (control.abortReason() != null) breaker.heldBack(level.warmup() + level.measured());
                                continue;
                            }
                            dispatcher.run(level, selfCheck);
                        }
                    }
                } finally {
                    poller.stop();
                }
            } catch (RuntimeException | InterruptedException e) {
                status = RunStatus.FAILED;
                finish(folder, manifest, config, selfCheck, status, poller);
                throw e;
            }
            if (control.abortReason() != null) {
                status = RunStatus.ABORTED;
            } else if (control.stopRequested()) {
                status = RunStatus.PARTIAL;
            }
            return finish(folder, manifest, config, selfCheck, status, poller);
        }

        private RunResult finish(RunFolder folder, IterationManifest manifest, ObjectNode config,
                                 SelfCheckMonitor selfCheck, RunStatus status, MetricsPoller poller)
                throws IOException, InterruptedException {
            recorder.stop(control.stopGrace());
            progress.close();
            selfCheck.close();
            journal.close();
            RunTally done = recorder.tally();
            RunManifest sealed = manifest.seal(status, config, selfCheck.result(), done.outcomeCounts(),
                    poller.metricsEndpoint(), breaker.outages(), control.abortReason());
            List<LevelStats> levels = done.perLevel();
            if (out != null) {
                IterationPrinter.print(out, runId, scenario.name(), number, status, folder.dir(), levels,
                        sealed.outcomes(), sealed.outages(), sealed.clientSelfCheck());
            }
            return new RunResult(folder.dir(), folder.readManifest(), levels);
        }

        private SloSearch searchSlo(LevelDispatcher dispatcher, SelfCheckMonitor selfCheck)
                throws InterruptedException {
            LoadSpec load = scenario.load();
            SloSearch search = new SloSearch(load.slo(), load.startRate(), load.maxProbes(), load.rateResolution());
            int index = 0;
            while (!search.done() && !control.stopRequested()) {
                LevelPlan probe = new LevelPlan(index, scenario.arms().get(0), load.concurrencyCap(),
                        search.nextRate(), index == 0 ? scenario.warmup() : 0, load.requestsPerLevel());
                dispatcher.run(probe, selfCheck);
                if (control.stopRequested()) break;
                LevelTally measured = recorder.tally().level(probe.index(), probe.arm().name());
                if (measured == null) break;
                search.record(SloSearch.Sample.of(measured));
                index++;
            }
            return search;
        }
    }

    /** Where a run folder for {@code runId} goes. */
    public Path runDir(String runId) { return options.outputDir().resolve(runId); }
}
