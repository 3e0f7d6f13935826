package io.enginebench.loadgen.sim.http;

import io.enginebench.loadgen.sim.config.FaultConfig;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.engine.SimRequest;
import io.enginebench.loadgen.sim.text.SchemaJsonGenerator;
import io.enginebench.loadgen.sim.text.TextGenerator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Turns a parsed request into a {@link Generation}: validates it as the engine would, and draws everything random
 * about it (natural length, text, faults) from a generator seeded by (seed, request number), so runs repeat.
 */
final class GenerationFactory {
    private final SimContext sim;

    GenerationFactory(SimContext sim) {
        this.sim = sim;
    }

    Generation create(CompletionRequest c, boolean chat, ChannelHandlerContext ctx, boolean keepAlive) throws BadRequest {
        ModelPreset preset = sim.config.preset();
        if (c.model() != null && !c.model().equals(sim.config.modelName())) {
            if (sim.config.personality() == Personality.VLLM)
                throw new BadRequest(HttpResponseStatus.NOT_FOUND, "NotFoundError", "The model `" + c.model() + "` does not exist.");
            throw BadRequest.of("The model `" + c.model() + "` does not exist; this server serves `" + sim.config.modelName() + "`.");
        }
        int[] prompt = c.promptIds() != null ? c.promptIds() : sim.tokenizer.encode(c.promptText());
        if (prompt.length == 0) throw BadRequest.of("the prompt has no tokens");
        int maxTokens = c.maxTokensGiven() || !chat ? c.maxTokens() : preset.maxModelLen() - prompt.length;
        if (prompt.length + (long) maxTokens > preset.maxModelLen()) {
            throw BadRequest.of("This model's maximum context length is " + preset.maxModelLen() + " tokens. However, you requested "
                    + (prompt.length + (long) maxTokens) + " tokens (" + prompt.length + " in the messages, " + maxTokens
                    + " in the completion). Please reduce the length of the messages or completion.");
        }
        long id = sim.nextId();
        Random random = new Random(sim.config.seed() * 1_000_003L + id);
        FaultConfig faults = sim.config.faults();
        if (faults.errorRate() > 0 && random.nextDouble() < faults.errorRate()) {
            return Generation.failed(HttpResponseStatus.valueOf(faults.errorStatus()));
        }
        TextGenerator text = new TextGenerator(random.nextLong());
        int target;
        String reason;
        Supplier<String> output;
        if (c.schema() != null) {
            String json = new SchemaJsonGenerator(sim.mapper, text).generate(c.schema());
            List<String> pieces = sim.tokenizer.pieces(json);
            Iterator<String> it = pieces.iterator();
            output = () -> it.hasNext() ? it.next() : "";
            target = Math.min(pieces.size(), maxTokens);
            reason = pieces.size() <= maxTokens ? "stop" : "length";
        } else {
            output = text::nextPiece;
            int natural = 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * preset.meanNaturalOutputTokens());
            if (c.ignoreEos() || natural >= maxTokens) {
                target = maxTokens;
                reason = "length";
            } else {
                target = natural;
                reason = "stop";
            }
        }
        // a stall holds events back before the last one (a hold at the last event would be no stall at all)
        int stallAt = faults.stallRate() > 0 && random.nextDouble() < faults.stallRate() && target > 1
                ? 1 + random.nextInt(target - 1) : 0;
        int disconnectAt = faults.disconnectRate() > 0 && random.nextDouble() < faults.disconnectRate()
                ? 1 + random.nextInt(target) : 0;
        String wireId = (chat ? "chatcmpl-" : "cmpl-") + Long.toHexString(sim.config.seed()) + "-" + id;
        Generation g = new Generation(sim, ctx, keepAlive, c, wireId, stallAt, disconnectAt);
        g.bind(new SimRequest(id, prompt, target, reason, output, c.schema() != null, g::deliver));
        return g;
    }
}
