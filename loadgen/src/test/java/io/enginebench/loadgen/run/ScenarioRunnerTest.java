package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.scenario.LatencyObjective;
import io.enginebench.loadgen.scenario.LoadSpec;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunJournal;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScenarioRunnerTest {
    @TempDir
    Path out;

    private final PromptPacks packs = PromptPacks.fromDirectory(Path.of("..", "prompts"));
    private final EngineTarget target = new EngineTarget(EngineKind.VLLM, null, "http://127.0.0.1:8000/", "m", null);

    private List<RunResult> run(FakeEngine engine, Scenario s) throws Exception {
        return new ScenarioRunner(engine, packs, RunOptions.defaults(out).withHardware("test-gpu"), null)
                .run(s, target, LoadControl.standard());
    }

    @Test
    void rampRunWritesACompleteRunFolder() throws Exception {
        Scenario s = new ScenarioOverrides(12, List.of(2, 3), null, 16, null, null, 3, null, null)
                .applyTo(ScenarioCatalog.standard().get("throughput_ramp"));
        FakeEngine engine = new FakeEngine(8, 6, true);
        RunResult r = run(engine, s).get(0);

        RunFolder folder = new RunFolder(r.runDir());
        assertThat(folder.hasJournal()).isFalse();
        RunManifest m = folder.readManifest();
        assertThat(m.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(m.engine().version()).isEqualTo("fake-1.0");
        assertThat(m.engine().variant()).isEqualTo("vllm");
        assertThat(m.engine().baseUrl()).isEqualTo("http://127.0.0.1:8000");
        assertThat(m.engine().metricsEndpoint()).isTrue();
        assertThat(m.hardware()).isEqualTo("test-gpu");
        // --requests 12, but the ramp measures at least 16 per slot: 32 at c=2, 48 at c=3
        assertThat(m.outcomes()).isEqualTo(Map.of("ok", 80L));
        assertThat(m.clientSelfCheck()).isNotNull();
        assertThat(m.clientSelfCheck().scheduleLagP99Ms()).isNotNull();
        assertThat(m.scenarioConfig().get("load").get("concurrency").toString()).isEqualTo("[2,3]");
        assertThat(m.seeds()).containsKeys("arrival", "prompt_order");
        assertThat(m.finishedAt()).isNotNull();

        List<RequestRecord> rs = folder.readRequests();
        assertThat(rs).hasSize(83);
        Map<String, Long> byPhase = rs.stream().collect(Collectors.groupingBy(RequestRecord::phase, Collectors.counting()));
        assertThat(byPhase).isEqualTo(Map.of("warmup", 3L, "measured", 80L));
        assertThat(rs.stream().map(RequestRecord::requestIndex).sorted().toList())
                .isEqualTo(java.util.stream.LongStream.range(0, 83).boxed().toList());
        assertThat(rs.stream().filter(x -> x.phase().equals("warmup")).map(RequestRecord::requestIndex))
                .allMatch(i -> i < 3);
        Map<Integer, Long> perLevel = rs.stream().filter(RequestRecord::isMeasured)
                .collect(Collectors.groupingBy(RequestRecord::levelIndex, Collectors.counting()));
        assertThat(perLevel).isEqualTo(Map.of(0, 32L, 1, 48L));
        for (RequestRecord x : rs) {
            assertThat(x.scheduledNs()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(x.sentNs());
            assertThat(x.sentNs()).isLessThanOrEqualTo(x.firstTokenNs());
            assertThat(x.firstTokenNs()).isLessThanOrEqualTo(x.lastTokenNs());
            assertThat(x.lastTokenNs()).isLessThanOrEqualTo(x.completedNs());
            assertThat(x.chunkOffsetsNs()).isSorted().hasSize(6);
            assertThat(x.completionTokens()).isEqualTo(6);
            assertThat(x.usageReported()).isTrue();
            assertThat(x.maxTokens()).isEqualTo(16);
            assertThat(x.concurrency()).isEqualTo(x.levelIndex() == 0 ? 2 : 3);
            assertThat(x.structuredValid()).isNull();
        }
        // levels drain one after the other: level 1 starts after level 0's last completion
        long level0End = rs.stream().filter(x -> x.levelIndex() == 0).mapToLong(RequestRecord::completedNs).max().orElseThrow();
        long level1Start = rs.stream().filter(x -> x.levelIndex() == 1).mapToLong(RequestRecord::sentNs).min().orElseThrow();
        assertThat(level1Start).isGreaterThanOrEqualTo(level0End);
        assertThat(engine.maxInFlight.get()).isEqualTo(3);

        // every request's prompt is in prompts.parquet, built to about 128 tokens (fake tokenizer: chars/3)
        var prompts = folder.readPrompts();
        assertThat(prompts).isNotEmpty();
        var shas = prompts.stream().map(p -> p.promptSha256()).collect(Collectors.toSet());
        assertThat(rs).allMatch(x -> shas.contains(x.promptSha256()));
        assertThat(prompts).allSatisfy(p -> assertThat(Math.ceil(p.text().length() / 3.0)).isBetween(110.0, 140.0));
        assertThat(folder.readEngineMetrics()).extracting(e -> e.name()).contains("requests_running");
        assertThat(r.levels()).hasSize(2);

        // every request went out with its own x-request-id, and the trace row names it: <run_id>-<request_index>
        assertThat(rs).allSatisfy(x -> assertThat(x.requestId()).isEqualTo(m.runId() + "-" + x.requestIndex()));
        assertThat(engine.requestIds).doesNotContainNull().doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(rs.stream().map(RequestRecord::requestId).toList());
    }

    @Test
    void anEngineWithoutAMetricsEndpointIsRecordedAsSuchInTheManifest() throws Exception {
        Scenario s = new ScenarioOverrides(2, List.of(1), null, null, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("single_request_latency"));
        FakeEngine engine = new FakeEngine(2, 3, true);
        engine.metricsEndpoint = false;
        RunFolder folder = new RunFolder(run(engine, s).get(0).runDir());
        assertThat(folder.readManifest().engine().metricsEndpoint()).isFalse();
        assertThat(Files.readString(folder.manifestPath())).contains("\"metrics_endpoint\" : false");
    }

    @Test
    void missingUsageFallsBackToChunkCountAndIsFlagged() throws Exception {
        Scenario s = new ScenarioOverrides(4, List.of(2), null, null, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("single_request_latency"));
        RunResult r = run(new FakeEngine(2, 5, false), s).get(0);
        List<RequestRecord> rs = new RunFolder(r.runDir()).readRequests();
        assertThat(rs).hasSize(4).allSatisfy(x -> {
            assertThat(x.usageReported()).isFalse();
            assertThat(x.completionTokens()).isEqualTo(5);
            assertThat(x.promptTokens()).isNull();
        });
    }

    @Test
    void structuredArmsSendTheSchemaAndValidateEveryOutput() throws Exception {
        Scenario s = new ScenarioOverrides(6, List.of(3), null, null, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("structured_generation_speed"));
        RunResult r = run(new FakeEngine(2, 4, true), s).get(0);
        List<RequestRecord> rs = new RunFolder(r.runDir()).readRequests();
        // --requests 6, lifted to the structured arms' 40 per slot at c=3
        assertThat(rs).hasSize(240);
        List<RequestRecord> unconstrained = rs.stream().filter(x -> "unconstrained".equals(x.arm())).toList();
        List<RequestRecord> constrained = rs.stream().filter(x -> "json_schema".equals(x.arm())).toList();
        assertThat(unconstrained).hasSize(120).allMatch(x -> x.structuredValid() == null && x.structuredMode().equals("none"));
        assertThat(constrained).hasSize(120).allMatch(x -> x.structuredMode().equals("json_schema"));
        assertThat(constrained).allMatch(x -> x.endpoint().equals("chat"));
        // the fake answers a recipe: valid exactly for the recipe prompts
        assertThat(constrained).allMatch(x -> x.structuredValid() == x.promptCategory().equals("recipe"));
        // rows are in completion order; in send order both arms use the same records
        var bySend = java.util.Comparator.comparingLong(RequestRecord::requestIndex);
        assertThat(unconstrained.stream().sorted(bySend).map(RequestRecord::promptId).toList())
                .isEqualTo(constrained.stream().sorted(bySend).map(RequestRecord::promptId).toList());
    }

    @Test
    void prefixSharingArmsShareOnlyInTheSharedArm() throws Exception {
        Scenario s = new ScenarioOverrides(4, List.of(2), null, 8, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("prefix_sharing_benefit"));
        RunResult r = run(new FakeEngine(2, 3, true), s).get(0);
        RunFolder folder = new RunFolder(r.runDir());
        Map<String, String> textBySha = folder.readPrompts().stream()
                .collect(Collectors.toMap(p -> p.promptSha256(), p -> p.text(), (a, b) -> a));
        List<RequestRecord> rs = folder.readRequests();
        List<String> shared = rs.stream().filter(x -> "shared".equals(x.arm())).map(x -> textBySha.get(x.promptSha256())).toList();
        List<String> unique = rs.stream().filter(x -> "unique".equals(x.arm())).map(x -> textBySha.get(x.promptSha256())).toList();
        // --requests 4, lifted to 16 per slot at c=2
        assertThat(shared).hasSize(32);
        assertThat(unique).hasSize(32);
        int prefixChars = 512 * 3 * 9 / 10;   // fake tokenizer: 3 chars per token
        assertThat(shared.stream().map(t -> t.substring(0, prefixChars)).distinct().count()).isEqualTo(1);
        assertThat(unique.stream().map(t -> t.substring(0, 20)).distinct().count()).isEqualTo(32);
        assertThat(shared).allSatisfy(t -> assertThat(Math.ceil(t.length() / 3.0)).isBetween(780.0, 920.0));
    }

    @Test
    void rateSweepRunsOpenLoopLevels() throws Exception {
        Scenario s = new ScenarioOverrides(30, null, List.of(200.0, 400.0), 8, null, null, 2, null, null)
                .applyTo(ScenarioCatalog.standard().get("rate_sweep"));
        RunResult r = run(new FakeEngine(3, 3, true), s).get(0);
        List<RequestRecord> rs = new RunFolder(r.runDir()).readRequests();
        assertThat(rs).hasSize(62);
        assertThat(rs.stream().filter(RequestRecord::isMeasured).map(RequestRecord::targetRate).distinct().sorted().toList())
                .containsExactly(200.0, 400.0);
        List<Long> scheduled = rs.stream().filter(x -> x.levelIndex() == 1).map(RequestRecord::scheduledNs).sorted().toList();
        double meanGapMs = (scheduled.get(scheduled.size() - 1) - scheduled.get(0)) / 1e6 / (scheduled.size() - 1);
        assertThat(meanGapMs).isBetween(1.0, 5.0);
    }

    @Test
    void openLoopCapWaitIsRecordedAsQueueWaitAndStaysInsideTheScheduledLatency() throws Exception {
        // 400 req/s offered to a cap of 1 on a 10 ms engine: nearly every request waits for the cap
        Scenario s = new ScenarioOverrides(20, List.of(1), List.of(400.0), 8, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("rate_sweep"));
        RunResult r = run(new FakeEngine(10, 3, true), s).get(0);
        List<RequestRecord> rs = new RunFolder(r.runDir()).readRequests();
        assertThat(rs).hasSize(20).allSatisfy(x -> {
            assertThat(x.queueWaitNs()).isNotNull().isNotNegative();
            assertThat(x.scheduledNs() + x.queueWaitNs()).isLessThanOrEqualTo(x.sentNs());
            assertThat(x.firstTokenNs() - x.scheduledNs()).isGreaterThanOrEqualTo(x.queueWaitNs());
        });
        assertThat(rs.stream().filter(x -> x.queueWaitNs() > 5_000_000L).count()).isGreaterThanOrEqualTo(15);
    }

    private static void assertWarmupDrainedBeforeMeasured(List<RequestRecord> rs, int warmups) {
        List<RequestRecord> warm = rs.stream().filter(x -> !x.isMeasured()).toList();
        assertThat(warm).hasSize(warmups);
        long lastWarmupDone = warm.stream().mapToLong(RequestRecord::completedNs).max().orElseThrow();
        assertThat(rs.stream().filter(RequestRecord::isMeasured)).isNotEmpty().allSatisfy(x ->
                assertThat(x.sentNs()).as("measured request %d", x.requestIndex()).isGreaterThanOrEqualTo(lastWarmupDone));
    }

    @Test
    void closedLoopWarmupDrainsBeforeTheFirstMeasuredRequest() throws Exception {
        Scenario s = new ScenarioOverrides(8, List.of(4), null, 8, null, null, 6, null, null)
                .applyTo(ScenarioCatalog.standard().get("throughput_ramp"));
        RunResult r = run(new FakeEngine(15, 3, true), s).get(0);
        assertWarmupDrainedBeforeMeasured(new RunFolder(r.runDir()).readRequests(), 6);
    }

    @Test
    void openLoopWarmupDrainsBeforeTheFirstMeasuredRequest() throws Exception {
        // 400 req/s with 15 ms service: without draining, several warm-ups are still running when measuring starts
        Scenario s = new ScenarioOverrides(20, null, List.of(400.0), 8, null, null, 6, null, null)
                .applyTo(ScenarioCatalog.standard().get("rate_sweep"));
        RunResult r = run(new FakeEngine(15, 3, true), s).get(0);
        assertWarmupDrainedBeforeMeasured(new RunFolder(r.runDir()).readRequests(), 6);
    }

    @Test
    void openLoopLevelAchievesItsTargetRate() throws Exception {
        Scenario s = new ScenarioOverrides(60, null, List.of(100.0, 200.0), 8, null, null, 2, null, null)
                .applyTo(ScenarioCatalog.standard().get("rate_sweep"));
        RunResult r = run(new FakeEngine(3, 3, true), s).get(0);
        List<RequestRecord> rs = new RunFolder(r.runDir()).readRequests();
        for (double rate : List.of(100.0, 200.0)) {
            List<Long> sent = rs.stream().filter(x -> x.isMeasured() && x.targetRate() == rate)
                    .map(RequestRecord::sentNs).sorted().toList();
            assertThat(sent).hasSize(60);
            double achieved = (sent.size() - 1) / ((sent.get(sent.size() - 1) - sent.get(0)) / 1e9);
            assertThat(achieved).as("achieved rate at %s req/s", rate).isCloseTo(rate, within(rate * 0.08));
        }
    }

    @Test
    void timedOpenLoopLevelSendsRateTimesDuration() throws Exception {
        Scenario s = new ScenarioOverrides(null, null, List.of(50.0), 8, null, null, 0, null, 0.5)
                .applyTo(ScenarioCatalog.standard().get("rate_sweep"));
        RunResult r = run(new FakeEngine(2, 3, true), s).get(0);
        assertThat(new RunFolder(r.runDir()).readRequests()).hasSize(25);
    }

    @Test
    void closedLoopRequestsDoNotQueue() throws Exception {
        Scenario s = new ScenarioOverrides(6, List.of(2), null, 8, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("single_request_latency"));
        RunResult r = run(new FakeEngine(2, 3, true), s).get(0);
        assertThat(new RunFolder(r.runDir()).readRequests()).hasSize(6)
                .allSatisfy(x -> assertThat(x.queueWaitNs()).isZero());
    }

    @Test
    void sloSearchRecordsProbesAndResult() throws Exception {
        Scenario base = ScenarioCatalog.standard().get("slo_search");
        Scenario s = base.withLoad(LoadSpec.sloSearch(10, new LatencyObjective(1000, 1000), 50, 3)).with(base.promptPack(), 8, 0, 1, 1);
        RunResult r = run(new FakeEngine(2, 3, true), s).get(0);
        RunManifest m = new RunFolder(r.runDir()).readManifest();
        var result = m.scenarioConfig().get("result");
        assertThat(result.get("probes").asInt()).isEqualTo(3);
        assertThat(result.get("best_rate").asDouble()).isEqualTo(200.0);
        assertThat(result.get("last_failing_rate").isNull()).isTrue();
        assertThat(new RunFolder(r.runDir()).readRequests().stream().map(RequestRecord::levelIndex).distinct().sorted().toList())
                .containsExactly(0, 1, 2);
    }

    @Test
    void iterationsProduceOneFolderEach() throws Exception {
        Scenario s = new ScenarioOverrides(2, List.of(1), null, 4, null, 2, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("single_request_latency"));
        List<RunResult> results = run(new FakeEngine(1, 2, true), s);
        assertThat(results).hasSize(2);
        assertThat(results.stream().map(x -> x.manifest().iteration()).toList()).containsExactly(1, 2);
        assertThat(results.stream().map(RunResult::runDir).distinct().count()).isEqualTo(2);
    }

    @Test
    void stopRequestSealsWhatCompletedAsPartial() throws Exception {
        Scenario s = new ScenarioOverrides(200, List.of(2), null, 4, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("single_request_latency"));
        LoadControl control = new LoadControl(java.time.Duration.ofSeconds(2));
        FakeEngine engine = new FakeEngine(5, 2, true);
        Thread stopper = new Thread(() -> {
            while (engine.sent.get() < 10) Thread.onSpinWait();
            control.requestStop();
        });
        stopper.start();
        RunResult r = new ScenarioRunner(engine, packs, RunOptions.defaults(out), null).run(s, target, control).get(0);
        stopper.join();
        RunFolder folder = new RunFolder(r.runDir());
        assertThat(folder.readManifest().status()).isEqualTo(RunStatus.PARTIAL);
        List<RequestRecord> rs = folder.readRequests();
        assertThat(rs.size()).isBetween(10, 199);
        assertThat(folder.readManifest().outcomes().get("ok")).isEqualTo(rs.size());
    }

    @Test
    void recoverSealsAJournalLeftByACrashAsPartial() throws Exception {
        // a run that died after journaling three requests: manifest says running, journal present, no Parquet
        Path dir = out.resolve("crashed");
        RunFolder folder = new RunFolder(dir);
        RunManifest running = new RunManifest("crashed", 1, "2025-01-01T00:00:00Z", null, RunStatus.RUNNING,
                "throughput_ramp", null, new RunManifest.EngineInfo("vllm", "vllm", "http://x", "m", null, null, null),
                "gpu", new RunManifest.LoadgenInfo("v", "c"), "h", "jvm", 1, null, Map.of(), 0L, null, null);
        folder.writeManifest(running);
        try (RunJournal journal = RunJournal.open(dir)) {
            for (int i = 0; i < 3; i++) {
                journal.record(io.enginebench.loadgen.summary.TraceSummaryTestAccess.record(i));
            }
        }
        Files.writeString(folder.journalPath(), "{\"request\":{\"run_id\":\"cr", java.nio.file.StandardOpenOption.APPEND);
        Recovery.recover(dir);
        assertThat(folder.readManifest().status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(folder.readRequests()).hasSize(3).extracting(RequestRecord::requestIndex).containsExactly(0L, 1L, 2L);
        assertThat(folder.hasJournal()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Recovery.recover(dir))
                .isInstanceOf(io.enginebench.trace.UserFacingException.class);
        assertThat(Objects.requireNonNull(folder.readManifest().finishedAt())).isNotBlank();
    }
}
