package io.enginebench.loadgen.openai;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamChunkParserTest {
    private final StreamChunkParser reusing = StreamChunkParser.reusing();
    private final StreamChunkParser perEvent = new StreamChunkParser();
    /** like the SSE decoder's buffer: one array, overwritten by each event, with stale bytes after the event */
    private final byte[] shared = new byte[512];

    private StreamChunk feed(StreamChunkParser parser, String json) throws IOException {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        Arrays.fill(shared, (byte) '}');
        System.arraycopy(utf8, 0, shared, 7, utf8.length);
        return parser.parse(shared, 7, utf8.length);
    }

    @Test
    void reusedParserReadsEventAfterEventLikeAFreshOne() throws IOException {
        String[] events = {
                "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"text\":\"Hé\",\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":1}}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" wörld\"},\"logprobs\":{\"content\":[{\"t\":[1,2]}]}}]}",
                "  {\"choices\":[{\"text\":\"\",\"finish_reason\":\"length\"}]}  \n",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":4}}}",
                "{\"object\":\"error\",\"message\":\"overloaded\"}"};
        for (int round = 0; round < 3; round++) {
            for (String e : events) {
                assertThat(feed(reusing, e)).isEqualTo(feed(perEvent, e));
            }
        }
        assertThat(feed(reusing, events[3]).usage()).isEqualTo(new Usage(8, 3, 4));
        assertThat(feed(reusing, events[1]).text()).isEqualTo(" wörld");
    }

    @Test
    void eventEndingInsideItsObjectIsMalformedAndDoesNotSpoilTheNext() throws IOException {
        assertThatThrownBy(() -> feed(reusing, "{\"choices\":[{\"text\":\"ab")).isInstanceOf(IOException.class);
        // the cut-off string must not swallow the next event's bytes
        assertThat(feed(reusing, "{\"choices\":[{\"text\":\"c\"}]}").text()).isEqualTo("c");
        assertThatThrownBy(() -> feed(reusing, "{\"usage\":{\"completion_tokens\":")).isInstanceOf(IOException.class);
        assertThat(feed(reusing, "{\"choices\":[{\"text\":\"d\"}]}").text()).isEqualTo("d");
    }

    @Test
    void nonObjectsAndBadSyntaxAreMalformedLikeWithAFreshParser() throws IOException {
        for (String bad : new String[] {"hello", "42", "[1,2]", "", "{\"a\" 1}", "{]"}) {
            assertThatThrownBy(() -> feed(reusing, bad)).as(bad).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> feed(perEvent, bad)).as(bad).isInstanceOf(IOException.class);
            assertThat(feed(reusing, "{\"choices\":[{\"text\":\"ok\"}]}").text()).isEqualTo("ok");
        }
    }

    @Test
    void contentAfterTheObjectIsIgnoredAndDoesNotLeakIntoTheNextEvent() throws IOException {
        assertThat(feed(reusing, "{\"choices\":[{\"text\":\"x\"}]} {\"choices\":[{\"text\":\"y\"}]}").text())
                .isEqualTo("x");
        assertThat(feed(reusing, "{\"choices\":[{\"text\":\"z\"}]}").text()).isEqualTo("z");
        assertThat(feed(reusing, "{\"choices\":[{\"text\":\"w\"}]} trailing").text()).isEqualTo("w");
        assertThat(feed(reusing, "{\"choices\":[{\"text\":\"v\"}]}").text()).isEqualTo("v");
    }
}
