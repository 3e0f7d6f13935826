package io.enginebench.loadgen.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.trace.TraceJson;

import java.util.List;

/**
 * A benchmark scenario, fully resolved: what is recorded as the manifest's {@code scenario_config}.
 *
 * @param promptPack        name of the prompt pack in {@code prompts/}
 * @param targetInputTokens prompts are built to about this many tokens; null keeps the pack's own text
 * @param sharedPrefixTokens for shared-prefix packs: tokens of the prefix (the rest of the target is the suffix)
 * @param maxTokens         max output tokens sent; null uses the pack record's own {@code max_tokens}, else 256
 * @param warmup            warm-up requests at the start of the run (recorded as phase warmup, never measured), drained
 *                          before the first measured request is sent
 * @param iterations        independent repeats; each produces its own run folder
 */
public record Scenario(String name, String description, String promptPack, Endpoint endpoint,
                       Integer targetInputTokens, Integer sharedPrefixTokens, Integer maxTokens, boolean ignoreEos,
                       double temperature, LoadSpec load, List<Arm> arms, int warmup, long seed, int iterations) {

    public Scenario {
        arms = arms == null || arms.isEmpty() ? List.of(Arm.DEFAULT) : List.copyOf(arms);
    }

    /** The resolved configuration as snake_case JSON for the manifest. */
    public JsonNode toJson() { return TraceJson.mapper().valueToTree(this); }

    public Scenario withLoad(LoadSpec newLoad) {
        return new Scenario(name, description, promptPack, endpoint, targetInputTokens, sharedPrefixTokens, maxTokens,
                ignoreEos, temperature, newLoad, arms, warmup, seed, iterations);
    }

    public Scenario with(String newPack, Integer newMaxTokens, int newWarmup, long newSeed, int newIterations) {
        return new Scenario(name, description, newPack, endpoint, targetInputTokens, sharedPrefixTokens, newMaxTokens,
                ignoreEos, temperature, load, arms, newWarmup, newSeed, newIterations);
    }
}
