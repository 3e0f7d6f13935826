package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.scenario.ScenarioOverrides;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The flags that resize a catalogue scenario's load, shared by every command that runs one ({@code run},
 * {@code compare}); unset flags keep the scenario's own values.
 */
public final class LoadOptions {
    @Option(names = "--requests", description = "measured requests per level")
    Integer requests;

    @Option(names = "--concurrency", split = ",", description = "concurrency, or a list for a ramp (1,2,4)")
    List<Integer> concurrency;

    @Option(names = "--rate", split = ",", description = "open-loop rate(s) in requests/s")
    List<Double> rate;

    @Option(names = "--max-tokens", description = "max output tokens")
    Integer maxTokens;

    @Option(names = "--prompt-pack", description = "prompt pack name (bench list-prompt-packs)")
    String promptPack;

    @Option(names = "--warmup", description = "warm-up requests (default 5)")
    Integer warmup;

    @Option(names = "--seed", description = "seed for prompt order and arrivals")
    Long seed;

    /** These flags, with the command's own iteration count and rate-sweep duration (either may be null). */
    public ScenarioOverrides overrides(Integer iterations, Double durationSeconds) {
        return new ScenarioOverrides(requests, concurrency, rate, maxTokens, promptPack, iterations, warmup, seed,
                durationSeconds);
    }
}
