package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.GenerationRequest;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.prompt.PreparedPrompt;
import io.enginebench.loadgen.prompt.PromptBuilder;
import io.enginebench.loadgen.prompt.PromptPack;
import io.enginebench.loadgen.prompt.PromptPackRecord;
import io.enginebench.loadgen.scenario.Arm;
import io.enginebench.loadgen.scenario.PrefixMode;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Decides what the n-th request of a run sends: prompts in a seeded shuffled order (cycling through the pack), built
 * to the scenario's token target, and encoded by the engine adapter. Structured arms send the record's schema.
 */
final class RequestPlanner {
    static final int DEFAULT_MAX_TOKENS = 256;

    private final Scenario scenario;
    private final PromptPack pack;
    private final PromptBuilder builder;
    private final EngineAdapter adapter;
    private final String model;
    private final RunOptions options;
    private final List<PromptPackRecord> order;

    RequestPlanner(Scenario scenario, PromptPack pack, PromptBuilder builder, EngineAdapter adapter, String model,
                   RunOptions options) {
        this.scenario = scenario;
        this.pack = pack;
        this.builder = builder;
        this.adapter = adapter;
        this.model = model;
        this.options = options;
        List<PromptPackRecord> prompts = new ArrayList<>(pack.prompts());
        if (prompts.isEmpty()) throw new UserFacingException("prompt pack " + pack.name() + " has no prompts");
        Collections.shuffle(prompts, new Random(scenario.seed()));
        this.order = List.copyOf(prompts);
        boolean needsPrefix = scenario.arms().stream().anyMatch(a -> a.prefixMode() != PrefixMode.NONE);
        if (needsPrefix && pack.prefix().isEmpty()) {
            throw new UserFacingException("scenario " + scenario.name() + " needs a shared-prefix pack (a record tagged"
                    + " 'prefix'); " + pack.name() + " has none");
        }
        if (scenario.arms().stream().anyMatch(Arm::structured) && order.stream().anyMatch(r -> r.schema() == null)) {
            throw new UserFacingException("scenario " + scenario.name() + " needs a pack whose records name a schema; "
                    + pack.name() + " has records without one");
        }
    }

    /**
     * @param choice   selects the record (in the seeded order); arms pass their own measured ordinal, so two arms
     *                 send the same records in the same order
     * @param runIndex the request's position in the run; makes filler and unique prefixes distinct per request, so
     *                 a record repeated in a later arm is not a free prefix-cache hit
     */
    PlannedRequest plan(long choice, long runIndex, Arm arm) {
        PromptPackRecord r = order.get((int) Math.floorMod(choice, (long) order.size()));
        int variant = (int) runIndex;
        PreparedPrompt p;
        if (arm.prefixMode() != PrefixMode.NONE) {
            int total = scenario.targetInputTokens() == null ? 850 : scenario.targetInputTokens();
            int prefix = scenario.sharedPrefixTokens() == null ? total * 6 / 10 : scenario.sharedPrefixTokens();
            p = builder.buildPrefixed(pack.prefix().orElseThrow(), r, arm.prefixMode(), total, prefix, variant,
                    scenario.endpoint());
        } else {
            p = builder.build(r, scenario.endpoint(), scenario.targetInputTokens(), arm.structured(),
                    r.schema() == null ? null : pack.schemas().get(r.schema()), variant);
        }
        int maxTokens = scenario.maxTokens() != null ? scenario.maxTokens()
                : p.maxTokens() != null ? p.maxTokens() : DEFAULT_MAX_TOKENS;
        GenerationRequest g = new GenerationRequest(p.endpoint(), model, p.prompt(), p.messages(), maxTokens,
                scenario.temperature(), scenario.ignoreEos(), p.schema(), p.schemaName());
        StreamRequest wire = new StreamRequest(p.endpoint().path(), adapter.streamingBody(g), options.requestTimeout(),
                options.idleTimeout());
        return new PlannedRequest(p, g, wire);
    }
}
