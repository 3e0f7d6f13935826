package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.openai.StreamAccumulator;
import io.enginebench.loadgen.openai.StreamChunkParser;
import io.enginebench.loadgen.sse.SseDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The client's per-event work on a realistic vLLM stream (≈ 330 bytes per event, usage on every event), with the body
 * cut into network reads of {@code readBytes} (64: events split across several reads; 1448: one TCP segment holding
 * several events and a partial one). Scores are events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SseDecodeBenchmark {
    static final int TOKENS = 256;
    /** content events + the finish event + [DONE] */
    static final int EVENTS = TOKENS + 2;

    @Param({"64", "1448"})
    public int readBytes;

    /** reusing: one non-blocking Jackson parser per connection (the client's); per-event: a parser per event */
    @Param({"reusing", "per-event"})
    public String jsonParser;

    private ByteBuf[] reads;
    private StreamChunkParser parser;

    @Setup
    public void setUp() {
        parser = jsonParser.equals("reusing") ? StreamChunkParser.reusing() : new StreamChunkParser();
        byte[] body = VllmEvents.stream(TOKENS);
        int n = (body.length + readBytes - 1) / readBytes;
        reads = new ByteBuf[n];
        for (int i = 0; i < n; i++) {
            int from = i * readBytes;
            reads[i] = Unpooled.wrappedBuffer(body, from, Math.min(readBytes, body.length - from));
        }
    }

    /** Framing only: bytes to each event's data bytes (what the client's pipeline hands on). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void decode(Blackhole bh) {
        SseDecoder decoder = new SseDecoder((utf8, offset, length) -> bh.consume(length));
        for (ByteBuf read : reads) {
            decoder.feed(read);
        }
        decoder.end();
    }

    /** Framing, JSON chunk parsing and accumulation: everything the event loop does per event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public StreamAccumulator decodeParseAccumulate() {
        StreamAccumulator acc = new StreamAccumulator(parser);
        long[] now = {0};
        SseDecoder decoder = new SseDecoder((utf8, offset, length) -> acc.onEvent(utf8, offset, length, now[0]++));
        for (ByteBuf read : reads) {
            decoder.feed(read);
        }
        decoder.end();
        if (!acc.done() || acc.contentChunkCount() != TOKENS) {
            throw new IllegalStateException("stream not decoded fully");
        }
        return acc;
    }
}
