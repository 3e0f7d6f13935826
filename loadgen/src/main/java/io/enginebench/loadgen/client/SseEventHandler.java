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
 *
 * <p>Two body failures become exceptions for the request, not an end: an event past the decoder's size bound, and a
 * body the HTTP decoder saw cut short (the connection closed inside a chunked body), which must not pass for the
 * clean end of a stream.
 */
final class SseEventHandler extends ChannelInboundHandlerAdapter {
    private SseDecoder decoder;
    /** after a failure, the rest of this response's body is dropped */
    private boolean discarding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            discarding = false;
            decoder = response.status().code() == HttpResponseStatus.OK.code()
                    ? new SseDecoder((utf8, offset, length) ->
                            ctx.fireChannelRead(new SseMessages.Event(utf8, offset, length)))
                    : null;
        } else if (msg instanceof HttpContent content && (decoder != null || discarding)) {
            try {
                if (!discarding) {
                    decode(ctx, content);
                }
            } finally {
                ReferenceCountUtil.release(content);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void decode(ChannelHandlerContext ctx, HttpContent content) {
        try {
            decoder.feed(content.content());
        } catch (SseDecoder.EventTooLargeException e) {
            fail(ctx, e);
            return;
        }
        if (content instanceof LastHttpContent) {
            if (content.decoderResult().isFailure()) {
                fail(ctx, content.decoderResult().cause());
                return;
            }
            decoder.end();
            decoder = null;
            ctx.fireChannelRead(SseMessages.End.INSTANCE);
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        decoder = null;
        discarding = true;
        ctx.fireExceptionCaught(cause);
    }
}
