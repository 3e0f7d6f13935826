package io.enginebench.trace;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * {@code manifest.json}: who, what, where and how well a run was measured. Written when the run starts
 * (status {@code running}) and rewritten when it ends. Never holds an API key.
 *
 * @param epochUnixNs   wall-clock time (ns since the Unix epoch) of offset 0 for every {@code *_ns} column
 * @param scenarioConfig the fully resolved scenario (after CLI overrides), as it was executed
 * @param seeds          named seeds used by the run (arrival process, prompt order, ...)
 * @param outcomes       count of requests per outcome, warm-up excluded
 */
public record RunManifest(
        String runId,
        int schemaVersion,
        String createdAt,
        String finishedAt,
        RunStatus status,
        String scenario,
        JsonNode scenarioConfig,
        EngineInfo engine,
        String hardware,
        LoadgenInfo loadgen,
        String host,
        String jvm,
        int iteration,
        String matrixId,
        Map<String, Long> seeds,
        long epochUnixNs,
        ClientSelfCheck clientSelfCheck,
        Map<String, Long> outcomes) {

    /**
     * @param kind    {@code vllm|sglang|llamacpp|openai|sim}; {@code sim} marks every number as simulated
     * @param variant e.g. {@code vllm-ngram}; equals kind for the baseline
     * @param version as reported by the server ({@code /version}, {@code /get_server_info}, {@code /props}), else null
     * @param personality for {@code sim}: which real engine the simulator imitated
     * @param preset      for {@code sim}: the model preset it timed its steps with
     * @param simSpeed    for {@code sim}: how many times faster than real time its clock ran (every simulated duration
     *                    divided by it); null for real engines
     * @param metricsEndpoint false when the engine's metrics path answered 404 (it has none, and was not polled again),
     *                    true when it answered otherwise, null when it never answered or the run predates the field
     */
    public record EngineInfo(String kind, String variant, String baseUrl, String model, String version,
                             String personality, String preset, Double simSpeed, Boolean metricsEndpoint) {
        public EngineInfo(String kind, String variant, String baseUrl, String model, String version,
                          String personality, String preset, Double simSpeed) {
            this(kind, variant, baseUrl, model, version, personality, preset, simSpeed, null);
        }

        public EngineInfo(String kind, String variant, String baseUrl, String model, String version,
                          String personality, String preset) {
            this(kind, variant, baseUrl, model, version, personality, preset, null, null);
        }

        /** The same engine with what its metrics path answered during the run. */
        public EngineInfo withMetricsEndpoint(Boolean served) {
            return new EngineInfo(kind, variant, baseUrl, model, version, personality, preset, simSpeed, served);
        }

        public boolean simulated() { return "sim".equals(kind); }
    }

    public record LoadgenInfo(String version, String gitCommit) {}

    /**
     * The client's own health during the run (METRICS.md, "validity"). A run that measured the client rather than the
     * engine is {@code clientBound} and says why.
     */
    public record ClientSelfCheck(Double scheduleLagP50Ms, Double scheduleLagP99Ms, Double scheduleLagMaxMs,
                                  Double eventLoopLagP99Ms, Double clientCpuPct, Double gcPauseTotalMs,
                                  boolean clientBound, String clientBoundReason) {}

    public RunManifest withStatus(RunStatus newStatus, String newFinishedAt) {
        return new RunManifest(runId, schemaVersion, createdAt, newFinishedAt, newStatus, scenario, scenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes);
    }

    /** The same manifest as an older trace schema wrote it (for reading old run folders). */
    public RunManifest withSchemaVersion(int newSchemaVersion) {
        return new RunManifest(runId, newSchemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes);
    }

    /** The scenario as it was executed, e.g. with an SLO search's result added. */
    public RunManifest withScenarioConfig(JsonNode newScenarioConfig) {
        return new RunManifest(runId, schemaVersion, createdAt, finishedAt, status, scenario, newScenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes);
    }

    public RunManifest withEngine(EngineInfo newEngine) {
        return new RunManifest(runId, schemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig,
                newEngine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes);
    }

    public RunManifest withResults(ClientSelfCheck selfCheck, Map<String, Long> outcomeCounts) {
        return new RunManifest(runId, schemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, selfCheck,
                outcomeCounts);
    }
}
