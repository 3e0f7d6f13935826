package io.enginebench.dashboard;

import io.enginebench.dashboard.http.AccessGate;
import io.enginebench.dashboard.http.ClasspathAssets;
import io.enginebench.dashboard.http.ConnectionLimits;
import io.enginebench.dashboard.http.HttpRouter;
import io.enginebench.dashboard.http.IdleCloser;
import io.enginebench.dashboard.http.LiveSockets;
import io.enginebench.dashboard.http.OriginCheck;
import io.enginebench.dashboard.http.StaticFiles;
import io.enginebench.dashboard.live.RunWatcher;
import io.enginebench.dashboard.results.ResultsApi;
import io.enginebench.dashboard.results.ResultsSource;
import io.enginebench.dashboard.results.RunFolderIndex;
import io.enginebench.dashboard.results.SparkResultsSource;
import io.enginebench.dashboard.results.WarehouseTables;
import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.access.TlsFiles;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.trace.UserFacingException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench serve}: a Netty HTTP server with the live feed ({@code /ws/live}), the JSON API ({@code /api/*}),
 * the reports folder ({@code /reports/…}) and the page ({@code /}, {@code /assets/…}).
 * The event loop only moves bytes; answers are built on a small worker pool. Every request first passes
 * {@link AccessGate} (size limits, {@code Origin}/{@code Host}, the token); TLS comes from the configured PEM files.
 */
public final class DashboardServer implements AutoCloseable {
    private final EventLoopGroup loop;
    private final ExecutorService workers;
    private final RunWatcher watcher;
    private final ResultsSource results;
    private final Channel channel;
    private final LiveSockets sockets;
    private final boolean tls;

    private DashboardServer(EventLoopGroup loop, ExecutorService workers, RunWatcher watcher, ResultsSource results,
                            Channel channel, LiveSockets sockets, boolean tls) {
        this.loop = loop;
        this.workers = workers;
        this.watcher = watcher;
        this.results = results;
        this.channel = channel;
        this.sockets = sockets;
        this.tls = tls;
    }

    /** Starts with the warehouse read by Spark SQL (the session is only created on the first results request). */
    public static DashboardServer start(DashboardConfig cfg) throws InterruptedException {
        return start(cfg, new SparkResultsSource(new WarehouseTables(cfg.warehouseDir()),
                PipelineSteps.open(cfg.warehouseDir().toString())));
    }

    public static DashboardServer start(DashboardConfig cfg, ResultsSource results) throws InterruptedException {
        SslContext ssl = sslContext(cfg.access());  // before anything starts: bad files fail alone
        ConnectionLimits limits = cfg.limits();
        ClasspathAssets assets = new ClasspathAssets();
        AccessGate gate = new AccessGate(cfg.access(), new OriginCheck(ssl != null, cfg.allowedOrigins(),
                ServerAccess.isLoopback(cfg.bind())), assets);
        RunWatcher watcher = new RunWatcher(cfg.resultsDir(), cfg.windowS(), cfg.pollMs(),
                (int) Math.max(1, Math.round(500.0 / cfg.pollMs())));
        ExecutorService workers = Executors.newFixedThreadPool(2, daemon("dashboard-worker"));
        LiveSockets sockets = new LiveSockets(watcher);
        HttpRouter router = new HttpRouter(new ResultsApi(results, new RunFolderIndex(cfg.resultsDir()), watcher),
                new StaticFiles(cfg.reportsDir()), assets, workers);
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            if (ssl != null) c.pipeline().addLast(ssl.newHandler(c.alloc()));
                            c.pipeline().addLast(
                                    new IdleStateHandler(limits.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                                    new HttpServerCodec(limits.maxInitialLineBytes(), limits.maxHeaderBytes(), 8192),
                                    new HttpObjectAggregator(limits.maxBodyBytes()), new IdleCloser(), gate,
                                    new WebSocketServerProtocolHandler("/ws/live"), sockets, router);
                        }
                    })
                    .bind(new InetSocketAddress(cfg.bind(), cfg.port())).sync().channel();
            watcher.start();
            return new DashboardServer(loop, workers, watcher, results, ch, sockets, ssl != null);
        } catch (InterruptedException | RuntimeException e) {
            loop.shutdownGracefully();
            workers.shutdownNow();
            watcher.close();
            throw e;
        }
    }

    public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

    public String url() {
        InetSocketAddress a = (InetSocketAddress) channel.localAddress();
        return (tls ? "https://" : "http://") + a.getHostString() + ":" + a.getPort() + "/";
    }

    public int liveSubscribers() { return sockets.subscriberCount(); }

    public void awaitClose() throws InterruptedException { channel.closeFuture().sync(); }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        watcher.close();
        workers.shutdownNow();
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            results.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }

    /** Netty's TLS from the PEM files, or null without them. */
    private static SslContext sslContext(ServerAccess access) {
        if (access.tls().isEmpty()) return null;
        TlsFiles files = access.tls().get();
        try {
            return SslContextBuilder.forServer(files.certificate().toFile(), files.privateKey().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UserFacingException("cannot use TLS files " + files.certificate() + ", " + files.privateKey()
                    + ": " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
