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
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
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
    private static final byte[] HEADERS = ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            + "transfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINISH = (chunk("data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}"
            + "\n\ndata: [DONE]\n\n") + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    static final String THREAD_PREFIX = "tick-server";

    private final EventLoopGroup group;
    private final Channel server;
    /** how late each tick was against its nominal schedule: high values mean the server's loop is saturated */
    private final Recorder tickLateness = new Recorder(3);

    TickServer(int threads) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(THREAD_PREFIX), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // request decoding only: the response is written as raw bytes (HTTP/1.1 chunked by hand), which keeps
                        // the server's per-event work to one small buffer and one write
                        ch.pipeline().addLast(new HttpRequestDecoder(), new StreamHandler());
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
                ctx.writeAndFlush(Unpooled.wrappedBuffer(HEADERS));
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
            ByteBuf buf = ctx.alloc().directBuffer(event.length() + 16);
            buf.writeCharSequence(Integer.toHexString(event.length()), StandardCharsets.US_ASCII);
            buf.writeShort(CRLF);
            buf.writeCharSequence(event, StandardCharsets.US_ASCII);
            buf.writeShort(CRLF);
            if (sent < events) {
                ctx.writeAndFlush(buf);
                return;
            }
            task.cancel(false);
            ctx.write(buf);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(FINISH)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private static final int CRLF = ('\r' << 8) | '\n';

    /** One HTTP/1.1 body chunk: size line, data, CRLF. */
    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
