package io.enginebench.loadgen.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.trace.BuildInfo;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.TraceSchema;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An iteration's {@code manifest.json}: written with status running when it starts, sealed when it ends. */
final class IterationManifest {
    private final RunFolder folder;
    private final RunManifest running;

    private IterationManifest(RunFolder folder, RunManifest running) {
        this.folder = folder;
        this.running = running;
    }

    /** Writes the manifest of a run that starts now. */
    static IterationManifest start(RunFolder folder, String runId, Scenario scenario, ObjectNode config,
                                   EngineTarget target, String version, EngineApi.SimulatorSettings sim,
                                   String hardware, int iteration, String matrixId, long arrivalSeed,
                                   long epochUnixNs) throws IOException {
        BuildInfo build = BuildInfo.current();
        Map<String, Long> seeds = new TreeMap<>();
        seeds.put("prompt_order", scenario.seed());
        seeds.put("arrival", arrivalSeed);
        RunManifest running = new RunManifest(runId, TraceSchema.VERSION, Instant.now().toString(), null,
                RunStatus.RUNNING, scenario.name(), config,
                new RunManifest.EngineInfo(target.kind().wire(), target.variant(), target.baseUrl(),
                        target.model(), version, simulatedPersonality(target), sim == null ? null : sim.preset(),
                        sim == null ? null : sim.speed()),
                hardware, new RunManifest.LoadgenInfo(build.version(), build.gitCommit()), host(),
                System.getProperty("java.vm.name") + " " + Runtime.version(), iteration, matrixId,
                seeds, epochUnixNs, null, null);
        folder.writeManifest(running);
        return new IterationManifest(folder, running);
    }

    /**
     * Turns the journal into Parquet and rewrites the manifest with the final status, results and outages.
     *
     * @param metricsEndpoint what the engine's metrics path answered ({@link MetricsPoller#metricsEndpoint()})
     */
    RunManifest seal(RunStatus status, ObjectNode config, RunManifest.ClientSelfCheck selfCheck,
                     Map<String, Long> outcomes, Boolean metricsEndpoint, List<RunManifest.Outage> outages,
                     String abortReason) throws IOException {
        RunManifest sealed = running.withStatus(status, null).withScenarioConfig(config)
                .withEngine(running.engine().withMetricsEndpoint(metricsEndpoint)).withResults(selfCheck, outcomes)
                .withOutages(outages, abortReason);
        folder.seal(sealed, status);
        return sealed;
    }

    /** For the simulator: the real engine it imitates, the base of the variant ({@code vllm-ngram} → vllm). */
    private static String simulatedPersonality(EngineTarget target) {
        return target.kind() == EngineKind.SIM ? target.variant().replaceFirst("^sim-", "").split("-", 2)[0] : null;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
