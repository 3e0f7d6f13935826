package io.enginebench.loadgen.perf;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loopback SSE server with negligible work per event: {@code POST /v1/completions?events=N&interval_us=I} streams N
 * completion events, one every I µs from the request's arrival, each carrying the server's {@code System.nanoTime()}
 * at the moment of the write as its text ({@code "<nanos>;"}), then a finish event and {@code [DONE]}. Since client and
 * server share one JVM, the client's arrival stamp minus that value is exactly the time the client added.
 * Runs on its own event-loop group so its threads are never the client's.
 */
final class TickServer implements AutoCloseable {
    private static final byte[] FINISH = ("data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}"
            + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.US_ASCII);

    private final EventLoopGroup group;
    private final Channel server;
    /** how late each tick was against its nominal schedule: high values mean the server's loop is saturated */
    private final Recorder tickLateness = new Recorder(3);

    TickServer(int threads) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new StreamHandler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() { return ((InetSocketAddress) server.localAddress()).getPort(); }

    /** Tick lateness since the previous call, in ns. */
    Histogram takeTickLateness() { return tickLateness.getIntervalHistogram(); }

    private final class StreamHandler extends SimpleChannelInboundHandler<HttpObject> {
        private int events;
        private long intervalNanos;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                QueryStringDecoder q = new QueryStringDecoder(request.uri());
                events = intParam(q, "events", 10);
                intervalNanos = TimeUnit.MICROSECONDS.toNanos(intParam(q, "interval_us", 1000));
            }
            if (msg instanceof LastHttpContent) {
                HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                ctx.writeAndFlush(response);
                new Ticker(ctx, events, intervalNanos).start();
            }
        }

        private int intParam(QueryStringDecoder q, String name, int dflt) {
            List<String> v = q.parameters().get(name);
            return v == null || v.isEmpty() ? dflt : Integer.parseInt(v.get(0));
        }
    }

    /** Sends one stream's events at a fixed rate on the connection's event loop. */
    private final class Ticker implements Runnable {
        private final ChannelHandlerContext ctx;
        private final int events;
        private final long intervalNanos;
        private long start;
        private int sent;
        private ScheduledFuture<?> task;

        Ticker(ChannelHandlerContext ctx, int events, long intervalNanos) {
            this.ctx = ctx;
            this.events = events;
            this.intervalNanos = intervalNanos;
        }

        void start() {
            start = System.nanoTime();
            task = ctx.executor().scheduleAtFixedRate(this, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
            ctx.channel().closeFuture().addListener(f -> task.cancel(false));
        }

        @Override
        public void run() {
            if (sent >= events || !ctx.channel().isActive()) {
                return;
            }
            sent++;
            long now = System.nanoTime();
            tickLateness.recordValue(Math.max(0, now - (start + sent * intervalNanos)));
            String event = "data: {\"choices\":[{\"index\":0,\"text\":\"" + now + ";\",\"finish_reason\":null}],"
                    + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":" + sent + "}}\n\n";
            ByteBuf buf = Unpooled.copiedBuffer(event, StandardCharsets.US_ASCII);
            if (sent < events) {
                ctx.writeAndFlush(new DefaultHttpContent(buf));
                return;
            }
            task.cancel(false);
            ctx.write(new DefaultHttpContent(buf));
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(FINISH)));
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
