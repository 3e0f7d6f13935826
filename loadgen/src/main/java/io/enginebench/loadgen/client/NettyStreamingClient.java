package io.enginebench.loadgen.client;

import io.enginebench.trace.Outcome;
import io.enginebench.trace.UserFacingException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;

import javax.net.ssl.SSLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@link StreamingClient} on Netty: a fixed pool of HTTP/1.1 keep-alive connections to one base URL, epoll when the
 * native transport loads, else NIO; TLS through the JDK provider for {@code https}.
 *
 * <p>Futures complete on an event loop: callers must not block in their callbacks.
 */
public final class NettyStreamingClient implements StreamingClient {
    /** Set once a connection has carried a request: only such a connection can be a stale keep-alive one. */
    private static final AttributeKey<Boolean> USED = AttributeKey.valueOf("enginebench.used");
    private static final AsciiString REQUEST_ID = AsciiString.cached(StreamRequest.REQUEST_ID_HEADER);

    private final BaseUrl url;
    private final EventLoopGroup group;
    private final ConnectionPool pool;
    private final String authorization; // never logged, never in toString
    private final boolean nativeTransport;
    private final int maxConnections;
    /** connections acquired or being acquired: at or above maxConnections an acquire waits for a release */
    private final AtomicInteger leased = new AtomicInteger();
    private volatile boolean closing;

    private NettyStreamingClient(BaseUrl url, ClientOptions options, String authorization) {
        this.url = url;
        this.authorization = authorization;
        this.nativeTransport = Epoll.isAvailable();
        this.maxConnections = options.maxConnections();
        IoHandlerFactory io = nativeTransport ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(options.ioThreads(), io);
        SslContext ssl = url.tls() ? clientSsl() : null;
        StreamingChannelInitializer initializer = new StreamingChannelInitializer(url, ssl);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(nativeTransport ? EpollSocketChannel.class : NioSocketChannel.class)
                .remoteAddress(url.host(), url.port())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initializer.initChannel(ch);
                    }
                });
        this.pool = new ConnectionPool(bootstrap, options.maxConnections());
    }

    /** A client for {@code baseUrl}; the API key, if any, comes from the environment variable named in the options. */
    public static NettyStreamingClient create(String baseUrl, ClientOptions options) {
        return create(baseUrl, options, System::getenv);
    }

    /** As {@link #create(String, ClientOptions)}, reading environment variables through {@code env}. */
    public static NettyStreamingClient create(String baseUrl, ClientOptions options, Function<String, String> env) {
        BaseUrl url = BaseUrl.parse(baseUrl);
        String authorization = null;
        if (options.apiKeyEnv() != null && !options.apiKeyEnv().isBlank()) {
            String key = env.apply(options.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new UserFacingException("environment variable " + options.apiKeyEnv() + " (API key) is not set");
            }
            authorization = "Bearer " + key.strip();
        }
        return new NettyStreamingClient(url, options, authorization);
    }

    public BaseUrl baseUrl() { return url; }

    @Override
    public List<ScheduledExecutorService> eventLoops() {
        List<ScheduledExecutorService> loops = new ArrayList<>();
        group.forEach(loops::add);
        return List.copyOf(loops);
    }

    /** True when the epoll transport is in use. */
    public boolean nativeTransport() { return nativeTransport; }

    @Override
    public CompletableFuture<StreamResult> send(StreamRequest request) {
        CompletableFuture<StreamResult> future = new CompletableFuture<>();
        AtomicLong poolWait = new AtomicLong();
        send(request, future, true, poolWait);
        return future.thenApply(r -> r.withPoolWaitNanos(poolWait.get()));
    }

    private void send(StreamRequest request, CompletableFuture<StreamResult> future, boolean mayRetry,
                      AtomicLong poolWait) {
        if (closing) {
            future.complete(failed(Outcome.CANCELLED, "client closed", System.nanoTime()));
            return;
        }
        long acquireNanos = System.nanoTime();
        boolean mustWait = leased.getAndIncrement() >= maxConnections;
        pool.acquire((ch, failure) -> {
            // only a wait for another request's connection counts; opening a new connection is part of sending
            if (mustWait) poolWait.addAndGet(System.nanoTime() - acquireNanos);
            if (failure != null) {
                leased.decrementAndGet();
                Outcome outcome = closing ? Outcome.CANCELLED : Outcome.CONNECT_ERROR;
                future.complete(failed(outcome, "cannot connect to " + url + ": " + StreamExchange.describe(failure),
                        acquireNanos));
                return;
            }
            start(ch, request, future, mayRetry, poolWait); // on the connection's event loop
        });
    }

    private void start(Channel ch, StreamRequest request, CompletableFuture<StreamResult> future, boolean mayRetry,
                       AtomicLong poolWait) {
        RequestRecorder recorder = ch.pipeline().get(RequestRecorder.class);
        boolean reused = Boolean.TRUE.equals(ch.attr(USED).getAndSet(Boolean.TRUE));
        Runnable retry = mayRetry && reused ? () -> send(request, future, false, poolWait) : null;
        StreamExchange[] self = new StreamExchange[1];
        StreamExchange.ChannelReturn back = new StreamExchange.ChannelReturn() {
            @Override
            public void done(boolean reusable) {
                recorder.finish(self[0]);
                leased.decrementAndGet();
                pool.release(ch, reusable && !closing); // closing: the event loops are going away
            }

            @Override
            public void delivering() {
                pool.finishing(ch);
            }
        };
        StreamExchange exchange = new StreamExchange(request, future, recorder.clock(), ch, back, retry,
                () -> closing, recorder.parser());
        self[0] = exchange;
        recorder.begin(exchange);
        exchange.start(httpRequest(request));
    }

    private FullHttpRequest httpRequest(StreamRequest request) {
        FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                url.resolve(request.path()), Unpooled.wrappedBuffer(request.body()));
        http.headers()
                .set(HttpHeaderNames.HOST, url.hostHeader())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                .set(HttpHeaderNames.CONTENT_LENGTH, request.body().length)
                .set(HttpHeaderNames.USER_AGENT, "enginebench");
        if (authorization != null) {
            http.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        if (request.requestId() != null) http.headers().set(REQUEST_ID, request.requestId());
        return http;
    }

    private static StreamResult failed(Outcome outcome, String error, long nanos) {
        return new StreamResult(outcome, null, error, nanos, null, null, null, null, System.nanoTime(),
                new long[0], new int[0], false, "", 0, null, null);
    }

    private static SslContext clientSsl() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            pool.close();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "NettyStreamingClient[" + url + (authorization != null ? ", with API key" : "") + "]";
    }
}
