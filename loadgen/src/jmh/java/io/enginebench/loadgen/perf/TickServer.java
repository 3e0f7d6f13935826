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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A loopback SSE server with negligible work per event, meant to run in its own JVM (and on its own CPU) so that what
 * the harness measures is the client: {@code POST /v1/completions?events=N&interval_us=I[&phase=aligned]} streams N
 * completion events, one every I µs, each carrying the server's {@code System.nanoTime()} at the moment of the write
 * as its text ({@code "<nanos>;"}), then a finish event and {@code [DONE]}. {@code System.nanoTime()} is
 * CLOCK_MONOTONIC on Linux, one clock for every process of the machine, so the client's arrival stamp minus that value
 * is the time the kernel and the client added even across processes.
 *
 * <p>Each stream's first event comes a uniformly random phase in [0, I) after its request (unless {@code phase=aligned}):
 * a real engine's streams do not tick in step, and streams that all tick at the same instant would make every tick a
 * burst whose last event waits for all the others — the server's doing, not the client's. With {@code phase=immediate}
 * the first event goes out with the headers: an engine whose time to first token is zero.
 *
 * <p>Per event the server writes one pre-encoded buffer (a template copied, then the time stamp and the token count
 * written in place at fixed offsets: fixed width, the count padded with JSON whitespace) and flushes it: one
 * {@code write} system call per event, as a real engine's stream has.
 *
 * <p>{@code GET /stats} answers {@code late_p99_ns late_max_ns cpu_ns user_ns ticks} since the previous call: how late the
 * sends were against their schedule (high values: the server's loop is saturated) and the CPU time of its event loops.
 */
final class TickServer implements AutoCloseable {
    private static final byte[] HEADERS = ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            + "transfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINISH = (chunk("data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}"
            + "\n\ndata: [DONE]\n\n") + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    static final String THREAD_PREFIX = "tick-server";

    /** one event as a whole HTTP chunk, with placeholders for the stamp (19 digits) and the count (10 places) */
    private static final String STAMP = "#".repeat(19);
    private static final String COUNT = "@".repeat(10);
    private static final byte[] EVENT = chunk("data: {\"choices\":[{\"index\":0,\"text\":\"" + STAMP
            + ";\",\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":" + COUNT + "}}\n\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final int STAMP_AT = new String(EVENT, StandardCharsets.US_ASCII).indexOf(STAMP);
    private static final int COUNT_AT = new String(EVENT, StandardCharsets.US_ASCII).indexOf(COUNT);

    private final EventLoopGroup group;
    private final Channel server;
    private final Recorder tickLateness = new Recorder(3);
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private long cpuAtLastStats;
    private long userAtLastStats;

    TickServer(int port, int threads) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(THREAD_PREFIX),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // request decoding only: responses are raw bytes (HTTP/1.1 chunked by hand)
                        ch.pipeline().addLast(new HttpRequestDecoder(), new StreamHandler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    int port() { return ((InetSocketAddress) server.localAddress()).getPort(); }

    /** Runs the server until stdin closes (the harness that started it went away) or the process is killed. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoopbackHarness.options(args);
        int port = Integer.parseInt(o.getOrDefault("port", "0"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "1"));
        try (TickServer s = new TickServer(port, threads)) {
            System.out.println("tick-server listening on 127.0.0.1:" + s.port() + " with " + threads + " event loop(s)");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        } catch (IOException e) {
            // stdin gone: shut down
        }
    }

    private synchronized String stats() {
        Histogram late = tickLateness.getIntervalHistogram();
        long cpu = 0;
        long user = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(THREAD_PREFIX)) {
                cpu += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
                user += Math.max(0, mx.getThreadUserTime(t.getThreadId()));
            }
        }
        long delta = cpu - cpuAtLastStats;
        long userDelta = user - userAtLastStats;
        cpuAtLastStats = cpu;
        userAtLastStats = user;
        return late.getValueAtPercentile(99) + " " + late.getMaxValue() + " " + delta + " " + userDelta + " "
                + late.getTotalCount() + "\n";
    }

    private final class StreamHandler extends SimpleChannelInboundHandler<HttpObject> {
        private int events;
        private long intervalNanos;
        private String phase;
        private int perWrite;
        private boolean statsRequest;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                QueryStringDecoder q = new QueryStringDecoder(request.uri());
                statsRequest = q.path().equals("/stats");
                events = intParam(q, "events", 10);
                intervalNanos = TimeUnit.MICROSECONDS.toNanos(intParam(q, "interval_us", 1000));
                List<String> p = q.parameters().get("phase");
                phase = p == null || p.isEmpty() ? "uniform" : p.get(0);
                perWrite = Math.max(1, intParam(q, "per_write", 1));
            }
            if (msg instanceof LastHttpContent) {
                if (statsRequest) {
                    byte[] body = stats().getBytes(StandardCharsets.US_ASCII);
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: "
                            + body.length + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                ctx.writeAndFlush(Unpooled.wrappedBuffer(HEADERS), ctx.voidPromise());
                long firstDelay = switch (phase) {
                    case "aligned" -> intervalNanos;
                    case "immediate" -> 0;
                    default -> ThreadLocalRandom.current().nextLong(intervalNanos) + 1;
                };
                new Ticker(ctx, events, perWrite, intervalNanos, firstDelay).start();
            }
        }

        private int intParam(QueryStringDecoder q, String name, int dflt) {
            List<String> v = q.parameters().get(name);
            return v == null || v.isEmpty() ? dflt : Integer.parseInt(v.get(0));
        }
    }

    /** Sends one stream's events at a fixed rate on the connection's event loop, {@code perWrite} per write. */
    private final class Ticker implements Runnable {
        private final ChannelHandlerContext ctx;
        private final int events;
        private final int perWrite;
        private final long intervalNanos;
        private final long firstDelayNanos;
        /** this stream's copy of the event template: only the digits change from one event to the next */
        private final byte[] event = EVENT.clone();
        private long start;
        private int sent;
        private ScheduledFuture<?> task;

        Ticker(ChannelHandlerContext ctx, int events, int perWrite, long intervalNanos, long firstDelayNanos) {
            this.ctx = ctx;
            this.events = events;
            this.perWrite = perWrite;
            this.intervalNanos = intervalNanos;
            this.firstDelayNanos = firstDelayNanos;
        }

        void start() {
            start = System.nanoTime();
            task = ctx.executor().scheduleAtFixedRate(this, firstDelayNanos, intervalNanos, TimeUnit.NANOSECONDS);
            ctx.channel().closeFuture().addListener(f -> task.cancel(false));
        }

        @Override
        public void run() {
            if (sent >= events || !ctx.channel().isActive()) {
                task.cancel(false);
                return;
            }
            long scheduled = start + firstDelayNanos + (sent / perWrite) * intervalNanos;
            long now = System.nanoTime();
            int batch = Math.min(perWrite, events - sent);
            ByteBuf buf = ctx.alloc().directBuffer(event.length * batch);
            for (int i = 0; i < batch; i++) {
                sent++;
                writeDigits(event, STAMP_AT, 19, now, (byte) '0');
                writeDigits(event, COUNT_AT, 10, sent, (byte) ' ');
                buf.writeBytes(event);
            }
            tickLateness.recordValue(Math.max(0, now - scheduled));
            if (sent < events) {
                ctx.writeAndFlush(buf, ctx.voidPromise());
                return;
            }
            task.cancel(false);
            ctx.write(buf, ctx.voidPromise());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(FINISH)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /** {@code value} right-aligned in {@code width} places at {@code at}, the rest filled with {@code pad} */
    static void writeDigits(byte[] buf, int at, int width, long value, byte pad) {
        long v = value;
        for (int i = at + width - 1; i >= at; i--) {
            if (v == 0 && i < at + width - 1) {
                buf[i] = pad;
            } else {
                buf[i] = (byte) ('0' + (v % 10));
                v /= 10;
            }
        }
    }

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
