package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.engine.EngineAdapters;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.HttpEngineApi;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code bench health}: is the engine there, which version is it, which models does it serve. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check that an engine answers: reachability, version and served models.")
public final class HealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--base-url", required = true, description = "Engine base URL, e.g. http://127.0.0.1:8000")
    String baseUrl;

    @Option(names = "--kind", defaultValue = "vllm",
            description = "Engine kind: vllm, sglang, llamacpp, openai, sim (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--model", description = "Also check that this model is served")
    String model;

    @Option(names = "--api-key-env", description = "Name of the environment variable holding the API key")
    String apiKeyEnv;

    @Option(names = "--timeout-ms", defaultValue = "5000", description = "Per-call timeout (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    private final Function<String, String> env;

    public HealthCommand() {
        this(System::getenv);
    }

    HealthCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        EngineKind engineKind = parseKind(kind);
        PrintWriter out = spec.commandLine().getOut();
        try (HttpEngineApi api = HttpEngineApi.create(baseUrl, EngineAdapters.forKind(engineKind), apiKeyEnv,
                Duration.ofMillis(timeoutMs), env)) {
            int status;
            try {
                status = api.healthStatus();
            } catch (UncheckedIOException e) {
                throw new UserFacingException("engine at " + api.baseUrl() + " is unreachable: " + describe(e.getCause()));
            }
            out.printf("engine:    %s (%s)%n", api.baseUrl(), engineKind.wire());
            out.printf("reachable: yes, %s answered %d%n", EngineAdapters.forKind(engineKind).healthPath(), status);
            out.printf("version:   %s%n", api.version().orElse("(not reported)"));
            List<String> models = api.models();
            out.printf("models:    %s%n", models.isEmpty() ? "(none listed)" : String.join(", ", models));
            int code = status == 200 ? 0 : 1;
            if (model != null) {
                boolean served = models.contains(model);
                out.printf("model %s: %s%n", model, served ? "served" : "NOT served");
                if (!served) {
                    code = 1;
                }
            }
            out.flush();
            return code;
        }
    }

    private static EngineKind parseKind(String s) {
        try {
            return EngineKind.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("unknown engine kind '" + s + "'; use vllm, sglang, llamacpp, openai or sim");
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "no answer";
        }
        if (t instanceof java.net.ConnectException && t.getMessage() == null) {
            return "connection refused"; // the JDK client leaves the message empty and hides the cause
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the timeout";
        }
        String m = t.getMessage();
        if (m == null && t.getCause() != null) {
            return describe(t.getCause());
        }
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
