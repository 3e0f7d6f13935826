package io.enginebench.loadgen.client;

import io.enginebench.trace.UserFacingException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineAndBaseUrlTest {

    @Test
    void plainPipelineHasOneNamedHandlerPerConcern() {
        EmbeddedChannel ch = new EmbeddedChannel();
        new StreamingChannelInitializer(BaseUrl.parse("http://127.0.0.1:8000"), null).initChannel(ch);
        assertThat(ch.pipeline().names()).startsWith("arrival-clock", "http", "sse", "recorder");
        ch.finishAndReleaseAll();
    }

    @Test
    void httpsPipelineAddsTlsAfterTheArrivalClock() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        var ssl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
        new StreamingChannelInitializer(BaseUrl.parse("https://api.example.com"), ssl).initChannel(ch);
        assertThat(ch.pipeline().names()).startsWith("arrival-clock", "tls", "http", "sse", "recorder");
        SslHandler tls = (SslHandler) ch.pipeline().get("tls");
        assertThat(tls.engine().getPeerHost()).isEqualTo("api.example.com"); // SNI
        assertThat(tls.engine().getPeerPort()).isEqualTo(443);
        ch.finishAndReleaseAll();
    }

    @Test
    void baseUrlParsing() {
        BaseUrl local = BaseUrl.parse("http://127.0.0.1:8000");
        assertThat(local).isEqualTo(new BaseUrl(false, "127.0.0.1", 8000, ""));
        assertThat(local.hostHeader()).isEqualTo("127.0.0.1:8000");
        assertThat(local.resolve("/v1/completions")).isEqualTo("/v1/completions");

        BaseUrl remote = BaseUrl.parse("https://host.example/openai/v1/");
        assertThat(remote).isEqualTo(new BaseUrl(true, "host.example", 443, "/openai"));
        assertThat(remote.hostHeader()).isEqualTo("host.example");
        assertThat(remote.resolve("/v1/chat/completions")).isEqualTo("/openai/v1/chat/completions");
        assertThat(remote.toString()).isEqualTo("https://host.example/openai");

        assertThatThrownBy(() -> BaseUrl.parse("ftp://x")).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> BaseUrl.parse("localhost:8000")).isInstanceOf(UserFacingException.class);
    }
}
