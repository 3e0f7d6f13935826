package io.enginebench.dashboard.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that sent nothing for {@link ConnectionLimits#idleTimeout()}: an idle keep-alive connection or
 * a client stalled mid-request. Not while an answer is still being built (a warehouse query may take longer than
 * the timeout), and not a live-feed subscriber (upgraded to WebSocket), which only listens. One per connection.
 */
public final class IdleCloser extends ChannelDuplexHandler {
    private int awaitingAnswer;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest) awaitingAnswer++;
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse && awaitingAnswer > 0) awaitingAnswer--;
        super.write(ctx, msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (awaitingAnswer == 0 && ctx.pipeline().get(WebSocketFrameDecoder.class) == null) ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }
}
