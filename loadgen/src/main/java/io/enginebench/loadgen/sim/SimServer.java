package io.enginebench.loadgen.sim;

import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.engine.EngineCore;
import io.enginebench.loadgen.sim.engine.KvCache;
import io.enginebench.loadgen.sim.engine.PagedKvCache;
import io.enginebench.loadgen.sim.engine.RadixKvCache;
import io.enginebench.loadgen.sim.engine.StepCostModel;
import io.enginebench.loadgen.sim.http.SimContext;
import io.enginebench.loadgen.sim.http.SimHttpHandler;
import io.enginebench.trace.UserFacingException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;

/**
 * The built-in engine simulator: an OpenAI-compatible HTTP/1.1 server (Netty, a couple of I/O threads, no thread per
 * request) in front of an {@link EngineCore} running on one scheduler thread. In-process use:
 * <pre>try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED))) { sim.baseUrl() … }</pre>
 */
public final class SimServer implements AutoCloseable {
    public static final String VERSION = "sim-0.1.0";

    private final SimConfig config;
    private final EngineCore engine;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private SimServer(SimConfig config, EngineCore engine, EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.config = config;
        this.engine = engine;
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    public static SimServer start(SimConfig config) {
        ModelPreset preset = config.preset();
        boolean sglang = config.personality() == Personality.SGLANG;
        KvCache kv = sglang ? new RadixKvCache(preset.kvCapacityTokens()) : new PagedKvCache(preset.kvBlocks(), preset.blockSize());
        StepCostModel cost = new StepCostModel(preset, config.spec(), sglang ? preset.sglangStepFactor() : 1.0, config.speed());
        EngineCore engine = new EngineCore(preset, config.spec(), cost, kv, config.seed());
        SimContext context = new SimContext(config, engine, VERSION);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new HttpObjectAggregator(16 * 1024 * 1024))
                                    .addLast("sim", new SimHttpHandler(context));
                        }
                    })
                    .bind(new InetSocketAddress(config.bind(), config.port())).sync().channel();
            return new SimServer(config, engine, boss, workers, ch);
        } catch (Exception e) {
            engine.close();
            boss.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new UserFacingException("cannot bind the simulator to " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

    public String baseUrl() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return "http://" + host + ":" + port();
    }

    public SimConfig config() { return config; }

    /** Blocks until the server is closed (the CLI waits here until Ctrl-C). */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        engine.close();
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
