package io.enginebench.dashboard.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that sent nothing for {@link ConnectionLimits#idleTimeout()}: an idle keep-alive connection or
 * a client trickling a request. A live-feed subscriber (upgraded to WebSocket) only listens and is kept.
 */
@ChannelHandler.Sharable
public final class IdleCloser extends ChannelDuplexHandler {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (ctx.pipeline().get(WebSocketFrameDecoder.class) == null) ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }
}
