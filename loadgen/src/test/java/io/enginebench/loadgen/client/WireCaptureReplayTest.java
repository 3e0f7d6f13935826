package io.enginebench.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.openai.StreamChunkParser;
import io.enginebench.loadgen.openai.Usage;
import io.enginebench.trace.Outcome;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays real engine responses (raw HTTP with chunked framing) through the client's own pipeline, cut into pieces at
 * every byte offset, and checks that what the client extracts never depends on how TCP delivered the bytes.
 */
class WireCaptureReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a result says about the stream, without timestamps. */
    record Extract(Outcome outcome, Integer status, String text, int chunks, List<Integer> chunkTokens, Usage usage,
                   String finishReason, String error) {
        static Extract of(StreamResult r) {
            return new Extract(r.outcome(), r.httpStatus(), r.text(), r.contentChunkCount(),
                    Arrays.stream(r.chunkTokens()).boxed().toList(), r.usage(), r.finishReason(), r.error());
        }
    }

    static byte[] capture(String name) throws IOException {
        try (InputStream in = WireCaptureReplayTest.class.getResourceAsStream("/wire-captures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Feeds the pieces into a fresh client pipeline as separate reads and returns the result. */
    static StreamResult replay(byte[]... pieces) {
        EmbeddedChannel ch = new EmbeddedChannel();
        new StreamingChannelInitializer(BaseUrl.parse("http://127.0.0.1:9"), null).initChannel(ch);
        RequestRecorder recorder = ch.pipeline().get(RequestRecorder.class);
        CompletableFuture<StreamResult> future = new CompletableFuture<>();
        StreamExchange exchange = new StreamExchange(new StreamRequest("/v1/completions", new byte[0], null, null),
                future, recorder.clock(), ch, reusable -> recorder.finish(null), null, () -> false, new StreamChunkParser());
        recorder.begin(exchange);
        exchange.start(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions"));
        Object out;
        while ((out = ch.readOutbound()) != null) {
            ReferenceCountUtil.release(out);
        }
        for (byte[] piece : pieces) {
            if (piece.length > 0) {
                ch.writeInbound(Unpooled.wrappedBuffer(piece));
            }
        }
        ch.finishAndReleaseAll();
        assertThat(future).isDone();
        assertThat(exchange.state()).as("the channel is handed back once the connection ends")
                .isEqualTo(ExchangeState.RELEASED);
        return future.join();
    }

    /** An independent reading of the capture: every complete {@code data: {…}} line parsed with a JSON tree. */
    static String oracleText(byte[] capture) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : new String(capture, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode choice = JSON.readTree(line.substring(6)).path("choices").path(0);
                text.append(choice.has("text") ? choice.path("text").asText() : choice.path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"llamacpp-completions-stream.http", "llamacpp-chat-stream.http",
            "llamacpp-completions-stream-stop.http"})
    void streamDecodesIdenticallyWhateverTheSplit(String name) throws IOException {
        byte[] all = capture(name);
        StreamResult whole = replay(all);
        Extract expected = Extract.of(whole);

        assertThat(whole.outcome()).isEqualTo(Outcome.OK);
        assertThat(whole.httpStatus()).isEqualTo(200);
        assertThat(whole.text()).isEqualTo(oracleText(all)).isNotEmpty();
        assertThat(whole.usage()).isNotNull();
        assertThat(whole.finishReason()).isNotNull();
        assertThat(whole.chunkNanos()).hasSize(whole.contentChunkCount());

        for (int cut = 0; cut <= all.length; cut++) {
            StreamResult split = replay(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length));
            assertThat(Extract.of(split)).as("%s cut at byte %d", name, cut).isEqualTo(expected);
        }
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<byte[]> pieces = new ArrayList<>();
            int at = 0;
            while (at < all.length) {
                int n = Math.min(all.length - at, 1 + random.nextInt(40));
                pieces.add(Arrays.copyOfRange(all, at, at + n));
                at += n;
            }
            assertThat(Extract.of(replay(pieces.toArray(byte[][]::new)))).as("%s random round %d", name, round)
                    .isEqualTo(expected);
        }
    }

    @Test
    void completionsStreamCarriesLlamaCppUsageInTheLastContentEvent() throws IOException {
        StreamResult r = replay(capture("llamacpp-completions-stream.http"));
        assertThat(r.usage()).isEqualTo(new Usage(10, 12, null));
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.contentChunkCount()).isEqualTo(12);
        assertThat(r.chunkTokensExact()).isFalse();
        assertThat(r.firstTokenNanos()).isEqualTo(r.chunkNanos()[0]);
    }

    @Test
    void stopStringStreamHasFewerContentChunksThanEvents() throws IOException {
        StreamResult r = replay(capture("llamacpp-completions-stream-stop.http"));
        assertThat(r.usage()).isEqualTo(new Usage(5, 1, null));
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.contentChunkCount()).isEqualTo(1);
        assertThat(r.text()).isEqualTo(" f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"llamacpp-error-n2.http", "llamacpp-error-badjson.http"})
    void errorResponsesKeepStatusAndBody(String name) throws IOException {
        byte[] all = capture(name);
        StreamResult whole = replay(all);
        assertThat(whole.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(whole.httpStatus()).isEqualTo(500);
        assertThat(JSON.readTree(whole.error()).path("error").path("message").asText()).isNotEmpty();
        for (int cut = 0; cut <= all.length; cut++) {
            StreamResult split = replay(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length));
            assertThat(Extract.of(split)).as("cut at %d", cut).isEqualTo(Extract.of(whole));
        }
    }

    @Test
    void nonStreamingBodyIsNotAHealthyStream() throws IOException {
        StreamResult r = replay(capture("llamacpp-completions-nonstream.http"));
        assertThat(r.outcome()).isEqualTo(Outcome.STREAM_ERROR);
        assertThat(r.contentChunkCount()).isZero();
    }
}
