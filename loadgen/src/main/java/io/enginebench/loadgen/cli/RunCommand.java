package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.breaker.BreakerOptions;
import io.enginebench.loadgen.client.SelfWarmup;
import io.enginebench.loadgen.engine.EngineProfile;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.EngineConnector;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.run.ShutdownGuard;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.trace.RunStatus;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code bench run}: runs one scenario against one engine, or against several in turn ({@code --engine} repeated),
 * and writes a run folder per iteration.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a benchmark scenario against an engine (or several in turn: --engine repeated); writes "
                + "raw-results/<run_id>/ per iteration.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--scenario", required = true, description = "scenario name (bench list-scenarios)")
    String scenario;

    @Option(names = "--engine", paramLabel = "PROFILE|URL", description = "engine profile YAML (kind, variant, "
            + "base_url, model, api_key_env, ...) or an http(s) URL (with --model, --kind); repeat to run the scenario "
            + "on each engine in turn")
    List<String> engines;

    @Option(names = "--base-url", description = "engine base URL, e.g. http://127.0.0.1:8000 (instead of --engine)")
    String baseUrl;

    @Option(names = "--model", description = "model name as the engine serves it (with --base-url)")
    String model;

    @Option(names = "--kind", defaultValue = "vllm", description = "engine kind with --base-url: ${COMPLETION-CANDIDATES}")
    String kind;

    @Option(names = "--variant", description = "engine variant label, e.g. vllm-eagle3 (default: the kind)")
    String variant;

    @Option(names = "--api-key-env", description = "name of the environment variable holding the API key")
    String apiKeyEnv;

    @Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = "--duration", description = "rate_sweep: seconds per rate instead of a request count")
    Double duration;

    @Option(names = "--prompts-dir", description = "directory of prompt packs (default ./prompts or the bundled packs)")
    Path promptsDir;

    @Option(names = "--iterations", description = "independent repeats, one run folder each")
    Integer iterations;

    @Option(names = "--output", defaultValue = "raw-results", description = "output directory (default ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--hardware", description = "hardware label (default: nvidia-smi -L, else unknown)")
    String hardware;

    @Option(names = "--matrix-id", description = "groups runs of one experiment matrix")
    String matrixId;

    @Option(names = "--client-bound-lag-ms", defaultValue = RunOptions.DEFAULT_CLIENT_BOUND_LAG_MS,
            description = "lag-probe p99 (how late the client's own threads ran) above which the run is marked "
                    + "client_bound (default ${DEFAULT-VALUE})")
    double clientBoundLagMs;

    @Option(names = "--request-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "deadline per request, from the send to the end of the stream (default ${DEFAULT-VALUE})")
    double requestTimeoutSeconds;

    @Option(names = "--idle-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "longest silence allowed within a response (default ${DEFAULT-VALUE})")
    double idleTimeoutSeconds;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--breaker-failures", defaultValue = "" + BreakerOptions.DEFAULT_FAILURES, paramLabel = "N",
            description = "consecutive connection failures after which sending stops and the engine's health is "
                    + "polled; 0 turns the breaker off (default ${DEFAULT-VALUE})")
    int breakerFailures;

    @Option(names = "--engine-wait", defaultValue = "300", paramLabel = "SECONDS",
            description = "how long to wait for an engine that stopped answering before the run aborts "
                    + "(default ${DEFAULT-VALUE})")
    double engineWaitSeconds;

    @Option(names = "--catch-up",
            description = "open loop: after an outage, send the arrivals that fell due during it at once "
                    + "(default: the rest of the schedule moves later by the outage)")
    boolean catchUp;

    @Option(names = "--client-warmup", defaultValue = "auto", paramLabel = "none|auto",
            description = "auto: before the first measured request, compile the client's own decode path against an "
                    + "in-process loopback source (once per process, nothing sent to the engine); none: skip it "
                    + "(default ${DEFAULT-VALUE})")
    String clientWarmup;

    private final Supplier<EngineConnector> connector;

    public RunCommand() { this(HttpEngineConnector::new); }

    public RunCommand(Supplier<EngineConnector> connector) { this.connector = connector; }

    @Override
    public Integer call() throws Exception {
        Scenario resolved = load.overrides(iterations, duration).applyTo(ScenarioCatalog.standard().get(scenario));
        List<EngineTarget> targets = targets();
        PromptPacks packs = promptsDir == null ? PromptPacks.defaults() : PromptPacks.fromDirectory(promptsDir);
        packs.load(resolved.promptPack());   // fail fast on a bad pack name before touching the engine
        RunOptions options = new RunOptions(output, hardware, quiet, matrixId, clientBoundLagMs,
                seconds("--request-timeout", requestTimeoutSeconds), seconds("--idle-timeout", idleTimeoutSeconds), 1)
                .withBreaker(breaker()).withClientWarmup(clientWarmupMode());
        LoadControl control = LoadControl.standard();
        List<RunResult> results = new java.util.ArrayList<>();
        try (ShutdownGuard guard = new ShutdownGuard(control)) {
            for (EngineTarget target : targets) {
                if (control.stopRequested()) break;
                results.addAll(new ScenarioRunner(connector.get(), packs, options, System.out)
                        .run(resolved, target, control));
            }
        }
        boolean bound = results.stream().anyMatch(r -> r.manifest().clientSelfCheck() != null
                && r.manifest().clientSelfCheck().clientBound());
        if (bound) System.out.println("warning: the client limited this measurement (client_bound in the manifest)");
        for (RunResult r : results) {
            if (r.manifest().status() == RunStatus.ABORTED) {
                System.err.println(AbortMessage.of(r));
                return EXIT_ABORTED;
            }
        }
        return 0;
    }

    /** Exit status of a run the engine's outage ended (1 is a user error, 2 a usage error). */
    public static final int EXIT_ABORTED = 3;

    private BreakerOptions breaker() {
        if (breakerFailures < 0) {
            throw new UserFacingException("--breaker-failures must be 0 (off) or more, got " + breakerFailures);
        }
        return new BreakerOptions(breakerFailures, seconds("--engine-wait", engineWaitSeconds), Duration.ofSeconds(1),
                catchUp);
    }

    private SelfWarmup.Mode clientWarmupMode() {
        return switch (clientWarmup == null ? "auto" : clientWarmup.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> SelfWarmup.Mode.AUTO;
            case "none" -> SelfWarmup.Mode.NONE;
            default -> throw new UserFacingException("--client-warmup must be none or auto, got '" + clientWarmup + "'");
        };
    }

    private static Duration seconds(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserFacingException(option + " must be a positive number of seconds, got " + value);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    List<EngineTarget> targets() {
        if (engines == null || engines.isEmpty()) {
            if (baseUrl == null || model == null) {
                throw new UserFacingException("say which engine: --engine PROFILE|URL, or --base-url URL --model NAME");
            }
            if (!baseUrl.matches("(?i)^https?://.*")) {
                throw new UserFacingException("--base-url must be an http(s) URL, got '" + baseUrl + "'");
            }
            return List.of(target(baseUrl, kind, variant, model, apiKeyEnv));
        }
        if (baseUrl != null) throw new UserFacingException("give either --engine or --base-url, not both");
        return engines.stream().map(e -> target(e, kind, variant, model, apiKeyEnv)).toList();
    }

    /**
     * An {@code --engine} value: an http(s) URL (then {@code model} is required and kind, variant, API key apply)
     * or an engine profile YAML (which says all of that itself). {@code bench compare} resolves its engines here too.
     */
    public static EngineTarget target(String engine, String kind, String variant, String model, String apiKeyEnv) {
        if (!engine.matches("(?i)^https?://.*")) {
            if (model != null) throw new UserFacingException("give either --engine PROFILE or --model, not both");
            return EngineProfile.read(Path.of(engine)).target();
        }
        if (model == null) throw new UserFacingException("--model is required with an engine URL (" + engine + ")");
        try {
            URI u = URI.create(engine);
            if (u.getHost() == null) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("not an http(s) URL: '" + engine + "'");
        }
        return new EngineTarget(EngineProfile.parseKind(kind), variant, engine, model, apiKeyEnv);
    }
}
