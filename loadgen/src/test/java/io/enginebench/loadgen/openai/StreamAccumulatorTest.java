package io.enginebench.loadgen.openai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamAccumulatorTest {
    private final StreamAccumulator acc = new StreamAccumulator(parser());

    /** the per-event parser here; {@link StreamAccumulatorReusingParserTest} runs every test with the reusing one */
    StreamChunkParser parser() {
        return new StreamChunkParser();
    }

    @Test
    void vllmChatStreamWithFinalEmptyChoicesUsage() {
        acc.onEvent("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}", 100);
        acc.onEvent("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}", 200);
        acc.onEvent("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}", 300);
        acc.onEvent("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}", 400);
        acc.onEvent("{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"total_tokens\":10,\"completion_tokens\":3,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4}}}", 500);
        assertThat(acc.done()).isFalse();
        acc.onEvent("[DONE]", 600);

        assertThat(acc.done()).isTrue();
        assertThat(acc.endedNormally()).isTrue();
        assertThat(acc.firstEventNanos()).isEqualTo(100);
        assertThat(acc.firstTokenNanos()).isEqualTo(200);
        assertThat(acc.lastTokenNanos()).isEqualTo(300);
        assertThat(acc.chunkNanos()).containsExactly(200, 300);
        assertThat(acc.chunkTokens()).containsExactly(1, 1);
        assertThat(acc.tokensExact()).isFalse();
        assertThat(acc.text()).isEqualTo("Hello");
        assertThat(acc.finishReason()).isEqualTo("length");
        assertThat(acc.usage()).isEqualTo(new Usage(7, 3, 4));
    }

    @Test
    void continuousUsageStatsGiveExactTokensPerChunk() {
        acc.onEvent("{\"choices\":[{\"text\":\"a\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}", 10);
        acc.onEvent("{\"choices\":[{\"text\":\"bc\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}", 20);
        // a held-back token (e.g. a partial stop string) arrives without text: it belongs to the next content chunk
        acc.onEvent("{\"choices\":[{\"text\":\"\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4}}", 30);
        acc.onEvent("{\"choices\":[{\"text\":\"d\",\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5}}", 40);
        acc.onEvent("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5}}", 50);
        acc.onEvent("[DONE]", 60);

        assertThat(acc.tokensExact()).isTrue();
        assertThat(acc.chunkTokens()).containsExactly(1, 2, 2);
        assertThat(acc.chunkNanos()).containsExactly(10, 20, 40);
        assertThat(acc.contentChunkCount()).isEqualTo(3);
        assertThat(acc.usage().completionTokens()).isEqualTo(5);
        assertThat(acc.finishReason()).isEqualTo("stop");
    }

    @Test
    void llamaCppUsageInsideLastContentChunkIsNotPerChunkUsage() {
        acc.onEvent("{\"choices\":[{\"text\":\"x\",\"index\":0,\"finish_reason\":null}]}", 1);
        acc.onEvent("{\"choices\":[{\"text\":\"y\",\"index\":0,\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"completion_tokens\":2,\"prompt_tokens\":3,\"total_tokens\":5},\"timings\":{\"prompt_n\":3}}", 2);
        acc.onEvent("[DONE]", 3);
        assertThat(acc.tokensExact()).isFalse();
        assertThat(acc.chunkTokens()).containsExactly(1, 1);
        assertThat(acc.usage()).isEqualTo(new Usage(3, 2, null));
        assertThat(acc.finishReason()).isEqualTo("length");
    }

    @Test
    void errorEventInsideStreamIsAnError() {
        acc.onEvent("{\"choices\":[{\"text\":\"x\"}]}", 1);
        acc.onEvent("{\"error\":{\"object\":\"error\",\"message\":\"out of memory\",\"type\":\"InternalServerError\",\"code\":500}}", 2);
        assertThat(acc.error()).contains("out of memory").contains("InternalServerError");
        assertThat(acc.endedNormally()).isFalse();
        acc.onEvent("{\"choices\":[{\"text\":\"ignored\"}]}", 3);
        assertThat(acc.text()).isEqualTo("x");
    }

    @Test
    void bareErrorObjectIsAnError() {
        acc.onEvent("{\"object\":\"error\",\"message\":\"bad things\",\"code\":400}", 1);
        assertThat(acc.error()).contains("bad things");
    }

    @Test
    void malformedJsonIsAnError() {
        acc.onEvent("{\"choices\":[{\"text\":", 1);
        assertThat(acc.error()).startsWith("malformed stream event");
    }

    @Test
    void streamWithoutDoneButWithFinishReasonEndsNormally() {
        acc.onEvent("{\"choices\":[{\"text\":\"x\",\"finish_reason\":\"stop\"}]}", 1);
        assertThat(acc.done()).isFalse();
        assertThat(acc.endedNormally()).isTrue();
    }

    @Test
    void streamThatJustStopsDidNotEndNormally() {
        acc.onEvent("{\"choices\":[{\"text\":\"x\",\"finish_reason\":null}]}", 1);
        assertThat(acc.endedNormally()).isFalse();
    }
}
