package io.enginebench.loadgen.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server for client tests: every request is answered by one {@link Script} that streams SSE events
 * on a known schedule (or misbehaves on purpose). It notes when it actually wrote each event, on the same
 * {@code System.nanoTime()} clock as the client, so tests can compare arrival with departure.
 */
final class ScriptedSseServer implements AutoCloseable {
    interface Script {
        void respond(ChannelHandlerContext ctx, FullHttpRequest request, ScriptedSseServer server);
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;
    private volatile Script script;
    final AtomicInteger connections = new AtomicInteger();
    final List<Long> eventWriteNanos = new CopyOnWriteArrayList<>();
    final List<Long> headersWriteNanos = new CopyOnWriteArrayList<>();
    final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();
    final List<String> requestBodies = new CopyOnWriteArrayList<>();
    final List<String> requestIdHeaders = new CopyOnWriteArrayList<>();

    ScriptedSseServer(Script script) throws InterruptedException {
        this.script = script;
        serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
                                        authorizationHeaders.add(auth == null ? "" : auth);
                                        String id = req.headers().get(StreamRequest.REQUEST_ID_HEADER);
                                        requestIdHeaders.add(id == null ? "" : id);
                                        requestBodies.add(req.content().toString(StandardCharsets.UTF_8));
                                        ScriptedSseServer.this.script.respond(ctx, req, ScriptedSseServer.this);
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    void script(Script s) { this.script = s; }

    String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    // ---- scripts ----

    static void sendHeaders(ChannelHandlerContext ctx) {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.writeAndFlush(head);
    }

    void sendEvent(ChannelHandlerContext ctx, String data) {
        eventWriteNanos.add(System.nanoTime());
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("data: " + data + "\n\n", StandardCharsets.UTF_8)));
    }

    static String textChunk(String text) {
        return "{\"choices\":[{\"index\":0,\"text\":\"" + text + "\",\"finish_reason\":null}]}";
    }

    /**
     * Headers after {@code headersMs}; event i (0-based) at {@code headersMs + (i+1)·gapMs}; then a finish event, a
     * usage event with empty choices and [DONE] one gap later. Offsets are absolute from the request's arrival, so
     * scheduling jitter does not accumulate.
     */
    static Script schedule(long headersMs, int events, long gapMs, int promptTokens) {
        return (ctx, req, server) -> {
            ctx.executor().schedule(() -> {
                server.headersWriteNanos.add(System.nanoTime());
                sendHeaders(ctx);
            }, headersMs, TimeUnit.MILLISECONDS);
            for (int i = 0; i < events; i++) {
                String text = "t" + i;
                ctx.executor().schedule(() -> server.sendEvent(ctx, textChunk(text)), headersMs + (i + 1) * gapMs,
                        TimeUnit.MILLISECONDS);
            }
            ctx.executor().schedule(() -> {
                ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(
                        "data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}\n\n"
                                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens
                                + ",\"completion_tokens\":" + events + ",\"total_tokens\":" + (promptTokens + events)
                                + "}}\n\ndata: [DONE]\n\n", StandardCharsets.UTF_8)));
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            }, headersMs + (events + 1) * gapMs, TimeUnit.MILLISECONDS);
        };
    }

    static Script status(int code, String body) {
        return (ctx, req, server) -> {
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r);
        };
    }

    /** Headers and {@code events} events at once, then silence with the connection open. */
    static Script stallAfter(int events) {
        return (ctx, req, server) -> {
            sendHeaders(ctx);
            for (int i = 0; i < events; i++) {
                server.sendEvent(ctx, textChunk("s" + i));
            }
        };
    }

    /** One event every {@code gapMs}, forever (until the client hangs up). */
    static Script drip(long gapMs) {
        return (ctx, req, server) -> {
            sendHeaders(ctx);
            ctx.executor().scheduleAtFixedRate(() -> {
                if (ctx.channel().isActive()) {
                    server.sendEvent(ctx, textChunk("d"));
                }
            }, gapMs, gapMs, TimeUnit.MILLISECONDS);
        };
    }

    /** Headers and {@code events} events, then a TCP reset (SO_LINGER 0). */
    static Script resetAfter(int events) {
        return (ctx, req, server) -> {
            sendHeaders(ctx);
            for (int i = 0; i < events; i++) {
                server.sendEvent(ctx, textChunk("r" + i));
            }
            ctx.executor().schedule(() -> {
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                ctx.channel().close();
            }, 20, TimeUnit.MILLISECONDS);
        };
    }

    /**
     * Answers the first request on each connection with {@code inner}; hangs up without a byte on any later one, as a
     * server does when it drops a keep-alive connection just as the client reuses it.
     */
    static Script oneRequestPerConnection(Script inner) {
        io.netty.util.AttributeKey<Boolean> served = io.netty.util.AttributeKey.valueOf("served");
        return (ctx, req, server) -> {
            if (ctx.channel().attr(served).getAndSet(Boolean.TRUE) == null) {
                inner.respond(ctx, req, server);
            } else {
                ctx.channel().close();
            }
        };
    }

    /** Streams the given raw event lines (already "data: …"-framed text) then ends the body. */
    static Script raw(String sseBody) {
        return (ctx, req, server) -> {
            sendHeaders(ctx);
            ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(sseBody, StandardCharsets.UTF_8)));
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        };
    }
}
