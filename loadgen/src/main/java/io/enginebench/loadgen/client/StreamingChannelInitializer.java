package io.enginebench.loadgen.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;

/** The client pipeline, one named handler per concern. */
final class StreamingChannelInitializer {
    private final BaseUrl url;
    private final SslContext ssl;

    /** @param ssl null for plain HTTP */
    StreamingChannelInitializer(BaseUrl url, SslContext ssl) {
        this.url = url;
        this.ssl = ssl;
    }

    void initChannel(Channel ch) {
        ArrivalClock clock = new ArrivalClock();
        ChannelPipeline p = ch.pipeline();
        p.addLast("arrival-clock", new ArrivalStampHandler(clock)); // stamps raw reads before TLS or HTTP decoding
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc(), url.host(), url.port()));
        }
        p.addLast("http", new HttpClientCodec());                 // no aggregator: chunks are timed as they come
        p.addLast("sse", new SseEventHandler());
        p.addLast("recorder", new RequestRecorder(clock));
    }
}
