package io.enginebench.loadgen.client;

import io.enginebench.loadgen.sse.SseDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns the body of a 200 response into {@link SseMessages.Event}s and a final {@link SseMessages.End}. Responses with
 * any other status pass through unchanged, so the recorder can keep their body as the error text.
 */
final class SseEventHandler extends ChannelInboundHandlerAdapter {
    private SseDecoder decoder;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            decoder = response.status().code() == HttpResponseStatus.OK.code()
                    ? new SseDecoder(data -> ctx.fireChannelRead(new SseMessages.Event(data)))
                    : null;
        } else if (msg instanceof HttpContent content && decoder != null) {
            try {
                decoder.feed(content.content());
                if (content instanceof LastHttpContent) {
                    decoder.end();
                    decoder = null;
                    ctx.fireChannelRead(SseMessages.End.INSTANCE);
                }
            } finally {
                ReferenceCountUtil.release(content);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
