package io.enginebench.loadgen.reliability;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * One small {@code single_request_latency} run (concurrency 1, no warm-up, 8 output tokens) through the real runner
 * and Netty transport, with what a test needs afterwards: the rows in send order, the sealed manifest, the console text.
 */
record FaultRun(RunManifest manifest, List<RequestRecord> requests, String console, Duration wall) {

    static FaultRun of(Path out, EngineTarget target, int requests, Duration requestTimeout, Duration idleTimeout)
            throws Exception {
        return of(out, new HttpEngineConnector(), target, requests, requestTimeout, idleTimeout);
    }

    static FaultRun of(Path out, HttpEngineConnector connector, EngineTarget target, int requests,
                       Duration requestTimeout, Duration idleTimeout) throws Exception {
        Scenario s = new ScenarioOverrides(requests, List.of(1), null, 8, null, null, 0, null, null)
                .applyTo(ScenarioCatalog.standard().get("single_request_latency"));
        RunOptions options = RunOptions.defaults(out).withHardware("test").withTimeouts(requestTimeout, idleTimeout);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        List<RunResult> results;
        try (PrintStream ps = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            results = new ScenarioRunner(connector, PromptPacks.fromDirectory(Path.of("..", "prompts")),
                    options, ps).run(s, target, LoadControl.standard());
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        RunFolder folder = new RunFolder(results.get(0).runDir());
        List<RequestRecord> rows = folder.readRequests().stream()
                .sorted(Comparator.comparingLong(RequestRecord::requestIndex)).toList();
        return new FaultRun(folder.readManifest(), rows, console.toString(StandardCharsets.UTF_8), wall);
    }

    static EngineTarget vllmAt(String baseUrl) {
        return new EngineTarget(EngineKind.VLLM, null, baseUrl, "m", null);
    }

    List<String> outcomes() {
        return requests.stream().map(RequestRecord::outcome).toList();
    }
}
