package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.FaultConfig;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.config.SpecConfig;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code bench engine …}: engines the project runs itself; today the built-in simulator. */
@Command(name = "engine", description = "Run a built-in engine.", mixinStandardHelpOptions = true,
        subcommands = EngineCommand.Sim.class)
public final class EngineCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code bench engine sim}: starts the simulator and blocks until Ctrl-C. */
    @Command(name = "sim", mixinStandardHelpOptions = true,
            description = "Start the built-in engine simulator (OpenAI-compatible, vLLM or SGLang personality).")
    public static final class Sim implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--personality", defaultValue = "vllm", description = "vllm or sglang (default ${DEFAULT-VALUE})")
        String personality;
        @Option(names = "--port", description = "port; 0 picks a free one (default: 8000 for vllm, 30000 for sglang)")
        Integer port;
        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE})")
        String bind;
        @Option(names = "--preset", defaultValue = "a10g-2b", description = "a10g-2b, a10g-8b, fixed, tiny-kv (default ${DEFAULT-VALUE})")
        String preset;
        @Option(names = "--speed", defaultValue = "1", description = "divide every simulated duration by this factor")
        double speed;
        @Option(names = "--spec", description = "speculative decoding: ngram or eagle3")
        String specMethod;
        @Option(names = "--acceptance", defaultValue = "0.7", description = "per-draft-token acceptance probability")
        double acceptance;
        @Option(names = "--draft-tokens", defaultValue = "4", description = "draft length k")
        int draftTokens;
        @Option(names = "--seed", defaultValue = "42", description = "seed of all randomness")
        long seed;
        @Option(names = "--model", description = "served model name (default: the preset's)")
        String model;
        @Option(names = "--api-key-env", description = "require Authorization: Bearer <the value of this environment"
                + " variable> on /v1 endpoints (401 otherwise)")
        String apiKeyEnv;
        @Option(names = "--fault", description = "error=RATE[:STATUS], stall=RATE:MILLIS|forever, disconnect=RATE, slow-headers=MILLIS (repeatable)")
        List<String> faults = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            SimConfig config = config();
            try (SimServer server = SimServer.start(config)) {
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sim-shutdown"));
                spec.commandLine().getOut().println("engine simulator (" + config.personality().id() + ", preset "
                        + config.preset().name() + ", model " + config.modelName()
                        + (config.apiKey() != null ? ", API key required" : "") + ") listening on " + server.baseUrl());
                spec.commandLine().getOut().flush();
                server.awaitClose();
            }
            return 0;
        }

        /** The key named by --api-key-env, read from the environment (never from the command line). */
        String apiKey(Function<String, String> env) {
            if (apiKeyEnv == null || apiKeyEnv.isBlank()) return null;
            String key = env.apply(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new UserFacingException("environment variable " + apiKeyEnv
                        + " (API key) is not set");
            }
            return key.strip();
        }

        SimConfig config() {
            return config(System::getenv);
        }

        SimConfig config(Function<String, String> env) {
            Personality p = Personality.parse(personality);
            SpecConfig.Method method = SpecConfig.Method.parse(specMethod);
            SpecConfig sc = method == SpecConfig.Method.NONE ? SpecConfig.NONE : new SpecConfig(method, draftTokens, acceptance);
            FaultConfig f = FaultConfig.NONE;
            for (String each : faults) f = f.with(each);
            return new SimConfig(p, bind, port == null ? p.defaultPort() : port, ModelPreset.named(preset), speed, sc,
                    seed, model, f, apiKey(env));
        }
    }
}
