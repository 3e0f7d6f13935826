package io.enginebench.loadgen.sim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.sim.engine.SimRequest;
import io.enginebench.loadgen.sim.engine.TokenEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One generation's response: SSE events flushed as soon as the engine delivers them (or one JSON body at the end),
 * with the stall and disconnect faults applied. Engine events hop to the connection's event loop, where all the
 * writing happens.
 */
final class Generation {
    private final SimContext sim;
    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final CompletionRequest c;
    private final String wireId;
    private final long created = System.currentTimeMillis() / 1000;
    private final int stallAt;
    private final int disconnectAt;
    private final HttpResponseStatus injectedError;
    private SimRequest request;

    private final StringBuilder wholeText = new StringBuilder();
    /** Events held back during a stall; null when not stalling. */
    private List<ByteBuf> held;
    private boolean stallStarted;
    private boolean stalledForever;
    private boolean finishAfterHeld;

    Generation(SimContext sim, ChannelHandlerContext ctx, boolean keepAlive, CompletionRequest c, String wireId,
               int stallAt, int disconnectAt) {
        this.sim = sim;
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.c = c;
        this.wireId = wireId;
        this.stallAt = stallAt;
        this.disconnectAt = disconnectAt;
        this.injectedError = null;
    }

    private Generation(HttpResponseStatus injectedError) {
        this.sim = null;
        this.ctx = null;
        this.keepAlive = true;
        this.c = null;
        this.wireId = null;
        this.stallAt = 0;
        this.disconnectAt = 0;
        this.injectedError = injectedError;
    }

    static Generation failed(HttpResponseStatus status) { return new Generation(status); }

    HttpResponseStatus injectedError() { return injectedError; }

    SimRequest request() { return request; }

    void bind(SimRequest r) { this.request = r; }

    /** Sends the headers (for a stream) and hands the request to the engine. Runs on the event loop. */
    void start() {
        if (!ctx.channel().isActive()) {
            request.cancel();
            return;
        }
        if (c.stream()) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
            if (c.chat()) ctx.write(event(sim.shapes.chunk(wireId, true, created, "", null, true)));
            ctx.flush();
        }
        sim.engine.submit(request);
    }

    /** Engine thread: pass the event to this connection's event loop. */
    void deliver(TokenEvent ev) {
        ctx.executor().execute(() -> onEvent(ev));
    }

    private void onEvent(TokenEvent ev) {
        if (!ctx.channel().isActive() || stalledForever) return;
        String text = String.join("", ev.pieces());
        if (!c.stream()) {
            wholeText.append(text);
            if (ev.last()) {
                ObjectNode usage = sim.shapes.usage(ev.promptTokens(), ev.cachedTokens(), ev.completionTokens(), true);
                sim.mapperSend(ctx, sim.shapes.whole(wireId, c.chat(), created, wholeText.toString(), ev.finishReason(), usage), keepAlive);
            }
            return;
        }
        if (disconnectAt > 0 && ev.completionTokens() >= disconnectAt) {
            request.cancel();
            ctx.close();
            return;
        }
        if (stallAt > 0 && !stallStarted && ev.completionTokens() >= stallAt && !ev.last()) startStall();
        if (stalledForever) return;
        ObjectNode chunk = sim.shapes.chunk(wireId, c.chat(), created, text, ev.finishReason(), false);
        if (c.continuousUsage()) chunk.set("usage", sim.shapes.usage(ev.promptTokens(), ev.cachedTokens(), ev.completionTokens(), false));
        List<ByteBuf> out = new ArrayList<>(3);
        out.add(event(chunk));
        if (ev.last()) {
            if (c.includeUsage()) {
                out.add(event(sim.shapes.usageChunk(wireId, c.chat(), created,
                        sim.shapes.usage(ev.promptTokens(), ev.cachedTokens(), ev.completionTokens(), true))));
            }
            out.add(Unpooled.wrappedBuffer("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII)));
        }
        if (held != null) {
            held.addAll(out);
            finishAfterHeld |= ev.last();
            return;
        }
        for (ByteBuf b : out) ctx.write(new DefaultHttpContent(b));
        if (ev.last()) finish();
        else ctx.flush();
    }

    private void startStall() {
        stallStarted = true;
        long millis = sim.config.faults().stallMillis();
        if (millis < 0) {
            stalledForever = true; // the connection stays open and silent; the engine forgets the request
            request.cancel();
            return;
        }
        held = new ArrayList<>();
        ctx.executor().schedule(this::endStall, sim.realNanos(millis), TimeUnit.NANOSECONDS);
    }

    private void endStall() {
        List<ByteBuf> out = held;
        held = null;
        if (!ctx.channel().isActive()) {
            out.forEach(ByteBuf::release);
            return;
        }
        for (ByteBuf b : out) ctx.write(new DefaultHttpContent(b));
        if (finishAfterHeld) finish();
        else ctx.flush();
    }

    private void finish() {
        var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }

    private ByteBuf event(ObjectNode json) {
        byte[] body;
        try {
            body = sim.mapper.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ByteBuf b = Unpooled.buffer(body.length + 8);
        b.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(body);
        b.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
        return b;
    }
}
