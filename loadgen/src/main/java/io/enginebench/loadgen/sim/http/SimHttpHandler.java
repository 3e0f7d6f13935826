package io.enginebench.loadgen.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.engine.SimRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/** Routes one connection's requests to the simulated endpoints. One instance per connection. */
public final class SimHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final SimContext sim;
    private final GenerationFactory generations;
    /** The generation in progress on this connection, cancelled if the client goes away. */
    private SimRequest current;

    public SimHttpHandler(SimContext sim) {
        this.sim = sim;
        this.generations = new GenerationFactory(sim);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String path = new QueryStringDecoder(req.uri()).path();
        HttpMethod method = req.method();
        if (!authorized(req, path)) {
            // vLLM's --api-key answers exactly this on its /v1 routes
            sendJson(ctx, HttpResponseStatus.UNAUTHORIZED, sim.mapper.createObjectNode().put("error", "Unauthorized"),
                    keepAlive);
            return;
        }
        try {
            if (method.equals(HttpMethod.POST) && path.equals("/v1/completions")) {
                generate(ctx, req, false, keepAlive);
            } else if (method.equals(HttpMethod.POST) && path.equals("/v1/chat/completions")) {
                generate(ctx, req, true, keepAlive);
            } else if (method.equals(HttpMethod.GET) && path.equals("/v1/models")) {
                sendJson(ctx, HttpResponseStatus.OK, models(), keepAlive);
            } else if (path.equals("/health")) {
                send(ctx, HttpResponseStatus.OK, "", "text/plain; charset=utf-8", keepAlive);
            } else if (method.equals(HttpMethod.GET) && path.equals("/version")) {
                // preset and clock speed let a run's manifest say what it measured (engine.preset, engine.sim_speed)
                sendJson(ctx, HttpResponseStatus.OK, sim.mapper.createObjectNode().put("version", sim.version)
                        .put("preset", sim.config.preset().name()).put("speed", sim.config.speed()), keepAlive);
            } else if (method.equals(HttpMethod.POST) && path.equals("/tokenize")) {
                sendJson(ctx, HttpResponseStatus.OK, tokenize(req), keepAlive);
            } else if (method.equals(HttpMethod.GET) && path.equals("/metrics")) {
                metrics(ctx, keepAlive);
            } else if (method.equals(HttpMethod.GET) && path.equals("/get_server_info")
                    && sim.config.personality() == Personality.SGLANG) {
                serverInfo(ctx, keepAlive);
            } else {
                throw new BadRequest(HttpResponseStatus.NOT_FOUND, "NotFoundError", "Not Found: " + method + " " + path);
            }
        } catch (BadRequest e) {
            sendJson(ctx, e.status, sim.shapes.error(e.status, e.type, e.getMessage()), keepAlive);
        }
    }

    private void generate(ChannelHandlerContext ctx, FullHttpRequest req, boolean chat, boolean keepAlive)
            throws BadRequest {
        JsonNode body = sim.parser.json(req.content().toString(StandardCharsets.UTF_8));
        CompletionRequest c = sim.parser.parse(body, chat);
        Generation g = generations.create(c, chat, ctx, keepAlive);
        if (g.injectedError() != null) {
            HttpResponseStatus s = g.injectedError();
            sendJson(ctx, s, sim.shapes.error(s, "ServiceUnavailableError", "injected fault: " + s.reasonPhrase()), keepAlive);
            return;
        }
        current = g.request();
        long delay = sim.realNanos(sim.config.faults().slowHeadersMillis());
        if (delay > 0) ctx.executor().schedule(g::start, delay, TimeUnit.NANOSECONDS);
        else g.start();
    }

    /** With an API key configured, {@code /v1/…} needs the bearer token; health, version and metrics stay open. */
    private boolean authorized(FullHttpRequest req, String path) {
        if (sim.requiredAuthorization == null || !path.startsWith("/v1/")) return true;
        String given = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        return given != null && MessageDigest.isEqual(sim.requiredAuthorization,
                given.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) current.cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (current != null) current.cancel();
        ctx.close();
    }

    private ObjectNode models() {
        ObjectNode o = sim.mapper.createObjectNode();
        o.put("object", "list");
        ObjectNode m = o.putArray("data").addObject();
        m.put("id", sim.config.modelName());
        m.put("object", "model");
        m.put("created", sim.startedEpochSeconds);
        m.put("owned_by", "enginebench-sim");
        m.put("root", sim.config.modelName());
        m.putNull("parent");
        m.put("max_model_len", sim.config.preset().maxModelLen());
        return o;
    }

    private ObjectNode tokenize(FullHttpRequest req) throws BadRequest {
        JsonNode body = sim.parser.json(req.content().toString(StandardCharsets.UTF_8));
        String text;
        if (body.has("prompt")) text = body.get("prompt").asText();
        else if (body.has("content")) text = body.get("content").asText();
        else if (body.has("messages")) text = sim.parser.parse(body, true).promptText();
        else throw BadRequest.of("'prompt' (or 'content') is required");
        int[] ids = sim.tokenizer.encode(text);
        ObjectNode o = sim.mapper.createObjectNode();
        o.put("count", ids.length);
        o.put("max_model_len", sim.config.preset().maxModelLen());
        var arr = o.putArray("tokens");
        for (int id : ids) arr.add(id);
        return o;
    }

    private void metrics(ChannelHandlerContext ctx, boolean keepAlive) {
        sim.engine.snapshot().whenComplete((s, err) -> ctx.executor().execute(() -> {
            if (err != null) send(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "engine stopped\n", "text/plain", keepAlive);
            else send(ctx, HttpResponseStatus.OK, sim.metricsText.render(s), "text/plain; version=0.0.4; charset=utf-8", keepAlive);
        }));
    }

    private void serverInfo(ChannelHandlerContext ctx, boolean keepAlive) {
        sim.engine.snapshot().whenComplete((s, err) -> ctx.executor().execute(() -> {
            ObjectNode o = sim.mapper.createObjectNode();
            o.put("version", sim.version);
            o.put("model_path", sim.config.modelName());
            o.put("served_model_name", sim.config.modelName());
            if (sim.config.spec().enabled()) {
                o.put("speculative_algorithm", sim.config.spec().method().wireName().toUpperCase(java.util.Locale.ROOT));
                o.put("speculative_num_draft_tokens", sim.config.spec().draftTokens());
            } else {
                o.putNull("speculative_algorithm");
            }
            o.put("chunked_prefill_size", sim.config.preset().prefillBudgetTokens());
            o.put("max_running_requests", sim.config.preset().maxRunningSeqs());
            o.put("page_size", 1);
            o.put("context_length", sim.config.preset().maxModelLen());
            if (s != null) {
                o.put("max_total_num_tokens", s.kvCapacityTokens());
                o.put("num_running_reqs", s.running());
                o.put("num_queue_reqs", s.waiting());
                o.put("token_usage", s.kvUsage());
                ObjectNode state = o.putArray("internal_states").addObject();
                state.put("last_gen_throughput", s.genThroughput());
                state.put("avg_spec_accept_length", s.specAcceptLength());
                state.put("cache_hit_rate", s.prefixHitRate());
            }
            sendJson(ctx, HttpResponseStatus.OK, o, keepAlive);
        }));
    }

    void sendJson(ChannelHandlerContext ctx, HttpResponseStatus status, JsonNode body, boolean keepAlive) {
        send(ctx, status, body.toString(), "application/json", keepAlive);
    }

    static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String body, String contentType, boolean keepAlive) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        HttpUtil.setKeepAlive(r, keepAlive);
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }
}
