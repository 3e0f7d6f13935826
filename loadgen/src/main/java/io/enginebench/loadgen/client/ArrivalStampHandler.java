package io.enginebench.loadgen.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** First handler of the pipeline: notes when raw bytes arrived, then passes them on untouched. */
final class ArrivalStampHandler extends ChannelInboundHandlerAdapter {
    private final ArrivalClock clock;

    ArrivalStampHandler(ArrivalClock clock) {
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        clock.stamp(System.nanoTime());
        ctx.fireChannelRead(msg);
    }
}
