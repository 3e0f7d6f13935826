package io.enginebench.loadgen.openai;

/** Every accumulator test again, with the parser a connection reuses across events (what the client uses). */
class StreamAccumulatorReusingParserTest extends StreamAccumulatorTest {
    @Override
    StreamChunkParser parser() {
        return StreamChunkParser.reusing();
    }
}
