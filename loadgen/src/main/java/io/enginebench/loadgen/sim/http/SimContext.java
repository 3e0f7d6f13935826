package io.enginebench.loadgen.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.engine.EngineCore;
import io.enginebench.loadgen.sim.text.SimTokenizer;

import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one simulator instance shares. Thread-safe: immutable parts plus an id counter. */
public final class SimContext {
    final SimConfig config;
    final EngineCore engine;
    final ObjectMapper mapper = new ObjectMapper();
    final SimTokenizer tokenizer = new SimTokenizer();
    final RequestParser parser = new RequestParser(mapper);
    final ResponseShapes shapes;
    final MetricsText metricsText;
    final String version;
    /** {@code Bearer <key>} as bytes (compared in constant time), or null when no key is required. */
    final byte[] requiredAuthorization;
    final long startedEpochSeconds = System.currentTimeMillis() / 1000;
    private final AtomicLong ids = new AtomicLong();

    public SimContext(SimConfig config, EngineCore engine, String version) {
        this.config = config;
        this.engine = engine;
        this.version = version;
        this.requiredAuthorization = config.apiKey() == null ? null
                : ("Bearer " + config.apiKey().strip()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.shapes = new ResponseShapes(mapper, config.personality(), config.modelName());
        this.metricsText = new MetricsText(config.personality(), config.modelName(), config.spec());
    }

    void mapperSend(io.netty.channel.ChannelHandlerContext ctx, com.fasterxml.jackson.databind.JsonNode body, boolean keepAlive) {
        SimHttpHandler.send(ctx, io.netty.handler.codec.http.HttpResponseStatus.OK, body.toString(), "application/json", keepAlive);
    }

    long nextId() { return ids.incrementAndGet(); }

    /** Real-clock nanoseconds for a simulated duration in milliseconds (divided by the speed factor). */
    long realNanos(long simulatedMillis) {
        return Math.round(simulatedMillis * 1_000_000.0 / config.speed());
    }
}
