package io.enginebench.loadgen.client;

import io.enginebench.loadgen.openai.StreamChunkParser;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * Last handler of the pipeline: hands decoded messages and connection events to the request currently using the
 * channel ({@link StreamExchange}). Bytes that arrive when no request is in flight make the connection unusable.
 */
final class RequestRecorder extends ChannelInboundHandlerAdapter {
    private final ArrivalClock clock;
    /** the connection's JSON parser, reused by every request on it (all on this channel's event loop) */
    private final StreamChunkParser parser = StreamChunkParser.reusing();
    private StreamExchange current;

    RequestRecorder(ArrivalClock clock) {
        this.clock = clock;
    }

    ArrivalClock clock() { return clock; }

    StreamChunkParser parser() { return parser; }

    void begin(StreamExchange exchange) {
        current = exchange;
    }

    void finish(StreamExchange exchange) {
        if (current == exchange) {
            current = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        StreamExchange ex = current;
        try {
            if (ex == null) {
                ctx.close();
            } else if (msg instanceof HttpResponse response) {
                ex.onHeaders(response);
            } else if (msg instanceof SseMessages.Event event) {
                ex.onEvent(event.utf8(), event.offset(), event.length());
            } else if (msg == SseMessages.End.INSTANCE) {
                ex.onStreamEnd();
            } else if (msg instanceof HttpContent content) {
                ex.onErrorBody(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onInactive();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (current != null) {
            current.onFailure(cause);
        } else {
            ctx.close();
        }
    }
}
