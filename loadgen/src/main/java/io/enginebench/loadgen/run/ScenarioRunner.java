package io.enginebench.loadgen.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.arrival.ArrivalSchedule;
import io.enginebench.loadgen.arrival.ClosedLoop;
import io.enginebench.loadgen.arrival.Dispatch;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.arrival.LoadOutcome;
import io.enginebench.loadgen.arrival.OpenLoop;
import io.enginebench.loadgen.arrival.PreciseWait;
import io.enginebench.loadgen.arrival.Slot;
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
import io.enginebench.loadgen.prompt.StructuredOutputValidator;
import io.enginebench.loadgen.prompt.TokenEstimator;
import io.enginebench.loadgen.scenario.Arm;
import io.enginebench.loadgen.scenario.LoadKind;
import io.enginebench.loadgen.scenario.LoadSpec;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.summary.LevelStats;
import io.enginebench.loadgen.summary.ProgressView;
import io.enginebench.loadgen.summary.TraceSummary;
import io.enginebench.trace.BuildInfo;
import io.enginebench.trace.Phase;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    /** added to a level's arrival seed for its warm-up schedule, so warm-up and measured draws differ */
    private static final long WARMUP_SEED = 7_919L;

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
                Iteration iteration = new Iteration(scenario, target, it, planner, client, version, sim, hardware,
                        control);
                results.add(iteration.run());
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

    /** One iteration = one run folder. */
    private final class Iteration {
        private final Scenario scenario;
        private final EngineTarget target;
        private final int number;
        private final RequestPlanner planner;
        private final StreamingClient client;
        private final String version;
        private final EngineApi.SimulatorSettings sim;
        private final String hardware;
        private final LoadControl control;
        private final String runId = UUID.randomUUID().toString();
        private final long epochNanos;
        private final long epochUnixNs;
        private final long arrivalSeed;
        private final AtomicLong runIndex = new AtomicLong();
        /** measured requests sent so far per arm: the record choice of the next measured request of that arm */
        private final Map<String, Long> armOrdinal = new java.util.HashMap<>();
        private final Set<String> promptsSeen = ConcurrentHashMap.newKeySet();
        private final List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
        private final StructuredOutputValidator validator = new StructuredOutputValidator();
        private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "run-recorder");
            t.setDaemon(true);
            return t;
        });
        private RunJournal journal;
        private ProgressView progress;

        Iteration(Scenario scenario, EngineTarget target, int number, RequestPlanner planner, StreamingClient client,
                  String version, EngineApi.SimulatorSettings sim, String hardware, LoadControl control) {
            this.scenario = scenario;
            this.target = target;
            this.number = number;
            this.planner = planner;
            this.client = client;
            this.version = version;
            this.sim = sim;
            this.hardware = hardware;
            this.control = control;
            this.arrivalSeed = scenario.seed() + 1_000_003L * (number - 1);
            Instant now = Instant.now();
            this.epochNanos = System.nanoTime();
            this.epochUnixNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        RunResult run() throws IOException, InterruptedException {
            RunFolder folder = new RunFolder(options.outputDir().resolve(runId));
            ObjectNode config = (ObjectNode) scenario.toJson();
            RunManifest manifest = initialManifest(config);
            folder.writeManifest(manifest);
            journal = RunJournal.open(folder.dir());
            MetricsPoller poller = connector.metricsPoller(target.baseUrl(), target.kind(), target.apiKeyEnv(), runId);
            progress = ProgressView.forConsole(options.quiet());
            SelfCheckMonitor selfCheck = new SelfCheckMonitor(options.clientBoundLagMs());
            RunStatus status = RunStatus.COMPLETE;
            try {
                poller.start(epochNanos, journal::record);
                try {
                    if (scenario.load().kind() == LoadKind.SLO_SEARCH) {
                        config.set("result", searchSlo(selfCheck).resultJson());
                    } else {
                        for (LevelPlan level : levels()) {
                            if (control.stopRequested()) break;
                            runLevel(level, selfCheck);
                        }
                    }
                } finally {
                    poller.stop();
                }
            } catch (RuntimeException | InterruptedException e) {
                status = RunStatus.FAILED;
                finish(folder, manifest, config, selfCheck, status);
                throw e;
            }
            if (control.stopRequested()) status = RunStatus.PARTIAL;
            return finish(folder, manifest, config, selfCheck, status);
        }

        private RunResult finish(RunFolder folder, RunManifest manifest, ObjectNode config, SelfCheckMonitor selfCheck,
                                 RunStatus status) throws IOException, InterruptedException {
            recorder.shutdown();
            recorder.awaitTermination(control.stopGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            progress.close();
            selfCheck.close();
            journal.close();
            List<RequestRecord> done = List.copyOf(records);
            RunManifest finalManifest = new RunManifest(manifest.runId(), manifest.schemaVersion(),
                    manifest.createdAt(), null, status, manifest.scenario(), config, manifest.engine(),
                    manifest.hardware(), manifest.loadgen(), manifest.host(), manifest.jvm(), manifest.iteration(),
                    manifest.matrixId(), manifest.seeds(), manifest.epochUnixNs(), null, null)
                    .withResults(selfCheck.result(), TraceSummary.outcomeCounts(done));
            folder.seal(finalManifest, status);
            List<LevelStats> levels = TraceSummary.perLevel(done);
            if (out != null) {
                out.println("run " + runId + " (" + scenario.name() + ", iteration " + number + ", " + status.wire()
                        + ") -> " + folder.dir());
                out.print(TraceSummary.table(levels));
                out.print(TraceSummary.outcomesLine(finalManifest.outcomes()));
            }
            return new RunResult(folder.dir(), folder.readManifest(), levels);
        }

        private RunManifest initialManifest(ObjectNode config) {
            BuildInfo build = BuildInfo.current();
            Map<String, Long> seeds = new TreeMap<>();
            seeds.put("prompt_order", scenario.seed());
            seeds.put("arrival", arrivalSeed);
            return new RunManifest(runId, TraceSchema.VERSION, Instant.now().toString(), null, RunStatus.RUNNING,
                    scenario.name(), config,
                    new RunManifest.EngineInfo(target.kind().wire(), target.variant(), target.baseUrl(),
                            target.model(), version, simulatedPersonality(), sim == null ? null : sim.preset(),
                            sim == null ? null : sim.speed()),
                    hardware, new RunManifest.LoadgenInfo(build.version(), build.gitCommit()), host(),
                    System.getProperty("java.vm.name") + " " + Runtime.version(), number, options.matrixId(),
                    seeds, epochUnixNs, null, null);
        }

        /** For the simulator: the real engine it imitates, the base of the variant ({@code vllm-ngram} → vllm). */
        private String simulatedPersonality() {
            return target.kind() == EngineKind.SIM ? target.variant().replaceFirst("^sim-", "").split("-", 2)[0] : null;
        }

        private List<LevelPlan> levels() {
            LoadSpec load = scenario.load();
            List<LevelPlan> plans = new ArrayList<>();
            for (Arm arm : scenario.arms()) {
                int n = load.kind() == LoadKind.CLOSED ? load.concurrency().size() : load.rates().size();
                for (int i = 0; i < n; i++) {
                    int warm = plans.isEmpty() ? scenario.warmup() : 0;
                    if (load.kind() == LoadKind.CLOSED) {
                        int c = load.concurrency().get(i);
                        plans.add(new LevelPlan(i, arm, c, null, warm, load.measuredAt(c)));
                    } else {
                        double rate = load.rates().get(i);
                        int measured = load.durationSeconds() == null ? load.requestsPerLevel()
                                : (int) Math.max(1, Math.round(rate * load.durationSeconds()));
                        plans.add(new LevelPlan(i, arm, load.concurrencyCap(), rate, warm, measured));
                    }
                }
            }
            return plans;
        }

        private SloSearch searchSlo(SelfCheckMonitor selfCheck) throws InterruptedException {
            LoadSpec load = scenario.load();
            SloSearch search = new SloSearch(load.slo(), load.startRate(), load.maxProbes(), load.rateResolution());
            int index = 0;
            while (!search.done() && !control.stopRequested()) {
                LevelPlan probe = new LevelPlan(index, scenario.arms().get(0), load.concurrencyCap(),
                        search.nextRate(), index == 0 ? scenario.warmup() : 0, load.requestsPerLevel());
                List<RequestRecord> got = runLevel(probe, selfCheck);
                if (control.stopRequested()) break;
                List<RequestRecord> measured = got.stream().filter(RequestRecord::isMeasured).toList();
                if (measured.isEmpty()) break;
                search.record(measured);
                index++;
            }
            return search;
        }

        /**
         * Runs one level to its end and returns its records. Its warm-up requests, if any, run first and drain (every
         * one completes) before the first measured request is sent, so no warm-up time or token falls inside the
         * measured window.
         */
        private List<RequestRecord> runLevel(LevelPlan level, SelfCheckMonitor selfCheck) throws InterruptedException {
            long base = runIndex.get();
            int total = level.warmup() + level.measured();
            PlannedRequest[] plan = prepared(level, base, total);
            List<RequestRecord> levelRecords = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<?>> recordings = Collections.synchronizedList(new ArrayList<>());
            progress.startLevel(level.label(), total);
            boolean drained = true;
            long measuredSent = 0;
            for (Phase phase : List.of(Phase.WARMUP, Phase.MEASURED)) {
                int first = phase == Phase.WARMUP ? 0 : level.warmup();
                int count = phase == Phase.WARMUP ? level.warmup() : level.measured();
                if (count == 0 || control.stopRequested()) continue;
                Dispatch dispatch = slot -> {
                    long seq = first + slot.sequence();
                    long index = base + seq;
                    runIndex.incrementAndGet();
                    PlannedRequest req = plan[(int) seq];
                    CompletableFuture<StreamResult> sent = client.send(req.wire());
                    recordings.add(sent.thenAcceptAsync(result -> {
                        RequestRecord r = record(level, req, index, phase.wire(), slot, result);
                        levelRecords.add(r);
                    }, recorder));
                    return sent;
                };
                LoadOutcome outcome = level.openLoop()
                        ? OpenLoop.onSchedule(ArrivalSchedule.offsets(scenario.load().arrival(), level.targetRate(),
                                        scenario.load().burstiness() == null ? 1.0 : scenario.load().burstiness(),
                                        count, arrivalSeed + level.index() + (phase == Phase.WARMUP ? WARMUP_SEED : 0)),
                                level.concurrency(), wait).run(count, Long.MAX_VALUE, dispatch, control)
                        : new ClosedLoop(level.concurrency()).run(count, dispatch, control);
                selfCheck.addScheduleLag(outcome.scheduleLag());
                drained &= outcome.drained();
                if (phase == Phase.MEASURED) measuredSent = outcome.dispatched();
            }
            armOrdinal.merge(String.valueOf(level.arm().name()), measuredSent, Long::sum);
            // only what completed is recorded; requests still in flight after the stop grace are dropped
            List<CompletableFuture<?>> pending;
            synchronized (recordings) {
                pending = List.copyOf(recordings);
            }
            for (CompletableFuture<?> f : pending) {
                if (f.isDone() || drained) f.join();
            }
            progress.endLevel();
            synchronized (levelRecords) {
                return List.copyOf(levelRecords);
            }
        }

        /** Plans a level's requests before it starts, so the scheduler only hands bytes to the client. */
        private PlannedRequest[] prepared(LevelPlan level, long base, int total) {
            long ordinal = armOrdinal.getOrDefault(String.valueOf(level.arm().name()), 0L);
            // warm-up takes records from the end of the order, measured requests from the arm's ordinal on
            PlannedRequest[] all = new PlannedRequest[total];
            for (int seq = 0; seq < total; seq++) {
                all[seq] = planner.plan(seq < level.warmup() ? -1 - seq : ordinal + seq - level.warmup(), base + seq,
                        level.arm());
            }
            return all;
        }

        private RequestRecord record(LevelPlan level, PlannedRequest req, long index, String phase, Slot slot,
                                     StreamResult result) {
            Boolean valid = null;
            if (req.generation().structured()) {
                valid = result.outcome() == io.enginebench.trace.Outcome.OK
                        && validator.valid(result.text(), req.generation().jsonSchema());
            }
            RequestRecord r = RequestRecords.of(runId, epochNanos, index, phase, level, req, slot.scheduledNanos(),
                    slot.capWaitNanos(), result, valid);
            if (promptsSeen.add(req.prompt().sha256())) journal.record(req.prompt().toRecord());
            journal.record(r);
            records.add(r);
            progress.finished(r);
            return r;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Where a run folder for {@code runId} goes. */
    public Path runDir(String runId) { return options.outputDir().resolve(runId); }
}
