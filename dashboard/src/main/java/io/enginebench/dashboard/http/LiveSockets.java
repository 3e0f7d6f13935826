package io.enginebench.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.enginebench.dashboard.live.LiveSnapshot;
import io.enginebench.dashboard.live.RunWatcher;
import io.enginebench.trace.TraceJson;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The {@code /ws/live} subscribers. A new subscriber first gets a {@code hello} message with each run's recent
 * points, then every pushed {@code snapshot}. The JSON is made once per push and shared by all subscribers.
 */
@ChannelHandler.Sharable
public final class LiveSockets extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final ChannelGroup subscribers = new DefaultChannelGroup("live", GlobalEventExecutor.INSTANCE);
    private final RunWatcher watcher;

    public LiveSockets(RunWatcher watcher) {
        this.watcher = watcher;
        watcher.subscribe(this::push);
    }

    public int subscriberCount() { return subscribers.size(); }

    private void push(LiveSnapshot snapshot) {
        if (subscribers.isEmpty()) return;
        subscribers.writeAndFlush(new TextWebSocketFrame(json(snapshot)));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.writeAndFlush(new TextWebSocketFrame(json(watcher.currentWithHistory())));
            subscribers.add(ctx.channel());  // removed automatically when the channel closes
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        // the feed is one-way; whatever a client sends is ignored (pings are answered by the protocol handler)
    }

    private static String json(LiveSnapshot s) {
        try {
            return TraceJson.mapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
