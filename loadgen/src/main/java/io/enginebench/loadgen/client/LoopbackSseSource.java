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
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An in-process streaming source on 127.0.0.1 for the client's self-warm-up: every POST gets a 200 with
 * {@code events} OpenAI chat-completion chunks, a usage chunk and {@code [DONE]}, {@code perWrite} events per write,
 * so the client's reads see single events and batches alike. It stands in for no engine and measures nothing.
 */
final class LoopbackSseSource implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final byte[] block;
    private final byte[] end;
    private final int writes;

    LoopbackSseSource(int events, int perWrite) throws InterruptedException {
        this.writes = Math.max(1, events / perWrite);
        this.block = repeat(chunk("{\"content\":\" tok\"}", "null"), perWrite);
        int total = writes * perWrite;
        this.end = (chunk("{}", "\"stop\"")
                + "data: {\"id\":\"warmup\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"warmup\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":" + total
                + ",\"total_tokens\":" + (total + 8) + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        respond(ctx);
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void respond(ChannelHandlerContext ctx) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.write(response);
        for (int i = 0; i < writes; i++) ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(block)));
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(end)));
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"warmup\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"warmup\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}\n\n";
    }

    private static byte[] repeat(String event, int n) {
        return event.repeat(n).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
