package io.enginebench.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: who, what, where and how well a run was measured. Written when the run starts
 * (status {@code running}) and rewritten when it ends. Never holds an API key.
 *
 * @param epochUnixNs   wall-clock time (ns since the Unix epoch) of offset 0 for every {@code *_ns} column
 * @param scenarioConfig the fully resolved scenario (after CLI overrides), as it was executed
 * @param seeds          named seeds used by the run (arrival process, prompt order, ...)
 * @param outcomes       count of requests per outcome, warm-up excluded
 * @param outages        times the engine stopped answering during the run and dispatch was held; absent when none
 * @param abortReason    why a run of status {@code aborted} ended (e.g. {@code engine_unreachable}); absent otherwise
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
        Map<String, Long> outcomes,
        // absent rather than null, so manifests of runs without an outage read exactly as before
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Outage> outages,
        @JsonInclude(JsonInclude.Include.NON_NULL) String abortReason) {

    /** A manifest without outages (every run before the circuit breaker, and every run the engine stayed up for). */
    public RunManifest(String runId, int schemaVersion, String createdAt, String finishedAt, RunStatus status,
                       String scenario, JsonNode scenarioConfig, EngineInfo engine, String hardware,
                       LoadgenInfo loadgen, String host, String jvm, int iteration, String matrixId,
                       Map<String, Long> seeds, long epochUnixNs, ClientSelfCheck clientSelfCheck,
                       Map<String, Long> outcomes) {
        this(runId, schemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig, engine, hardware, loadgen,
                host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck, outcomes, null, null);
    }

    /** The reason an aborted run gives when the engine did not come back within the breaker's wait. */
    public static final String ENGINE_UNREACHABLE = "engine_unreachable";

    /**
     * One stretch in which the client's circuit breaker held dispatch because the engine stopped answering. Offsets
     * are from the run epoch, like every {@code *_ns} column.
     *
     * @param startNs         when the breaker tripped
     * @param endNs           when the engine answered its health check again; null when it never did (the run aborted)
     * @param failures        consecutive connection failures that tripped the breaker
     * @param requestsNotSent requests held back by the outage: open loop, the arrivals that fell due during it;
     *                        closed loop, the virtual users left idle; for an abort, also every planned request never sent
     * @param catchUp         open loop: true when the arrivals held back were sent at once on resumption, false when
     *                        the schedule was shifted by the outage instead; null for a closed loop
     */
    public record Outage(long startNs, Long endNs, int failures, long requestsNotSent, Boolean catchUp) {
        public boolean resumed() { return endNs != null; }
    }

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
                                  // absent in manifests written before it was measured
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Double hostOtherCpuPct,
                                  boolean clientBound, String clientBoundReason,
                                  // absent rather than null, so manifests of older runs read and write as before
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<LevelCheck> levels) {
        /** A self-check without the host's share or per-level figures (runs before they were recorded). */
        public ClientSelfCheck(Double scheduleLagP50Ms, Double scheduleLagP99Ms, Double scheduleLagMaxMs,
                               Double eventLoopLagP99Ms, Double clientCpuPct, Double gcPauseTotalMs,
                               boolean clientBound, String clientBoundReason) {
            this(scheduleLagP50Ms, scheduleLagP99Ms, scheduleLagMaxMs, eventLoopLagP99Ms, clientCpuPct, gcPauseTotalMs,
                    null, clientBound, clientBoundReason, null);
        }
    }

    /**
     * The client's own figures for one level's measured phase.
     *
     * @param level          the level as the console names it ({@code L0 c=64})
     * @param handOffCount   closed loop: requests sent on a slot freed by a completion (null for an open loop)
     * @param handOffP50Ms   closed loop: slot freed → the next request's bytes written, p50 (p99, max alike)
     * @param jitMs          time the JIT compiler spent while the phase ran (null when the JVM does not say)
     */
    public record LevelCheck(String level, Integer concurrency, Long handOffCount, Double handOffP50Ms,
                             Double handOffP99Ms, Double handOffMaxMs, Double jitMs) {}

    public RunManifest withStatus(RunStatus newStatus, String newFinishedAt) {
        return new RunManifest(runId, schemaVersion, createdAt, newFinishedAt, newStatus, scenario, scenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes, outages, abortReason);
    }

    /** The same manifest as an older trace schema wrote it (for reading old run folders). */
    public RunManifest withSchemaVersion(int newSchemaVersion) {
        return new RunManifest(runId, newSchemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes, outages, abortReason);
    }

    /** The scenario as it was executed, e.g. with an SLO search's result added. */
    public RunManifest withScenarioConfig(JsonNode newScenarioConfig) {
        return new RunManifest(runId, schemaVersion, createdAt, finishedAt, status, scenario, newScenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes, outages, abortReason);
    }

    public RunManifest withEngine(EngineInfo newEngine) {
        return new RunManifest(runId, schemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig,
                newEngine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes);
    }

    public RunManifest withResults(ClientSelfCheck selfCheck, Map<String, Long> outcomeCounts) {
        return new RunManifest(runId, schemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, selfCheck,
                outcomeCounts, outages, abortReason);
    }

    /** The outages the run went through, and why it aborted (null when it did not). */
    public RunManifest withOutages(List<Outage> newOutages, String newAbortReason) {
        return new RunManifest(runId, schemaVersion, createdAt, finishedAt, status, scenario, scenarioConfig,
                engine, hardware, loadgen, host, jvm, iteration, matrixId, seeds, epochUnixNs, clientSelfCheck,
                outcomes, newOutages == null || newOutages.isEmpty() ? null : List.copyOf(newOutages),
                newAbortReason);
    }
}
