package io.enginebench.loadgen.perf;

import java.nio.charset.StandardCharsets;

/**
 * Wire bytes of a vLLM {@code /v1/completions} stream with {@code continuous_usage_stats}: one {@code data:} event per
 * token carrying the id, model, one choice and the running usage, then a finish event and {@code [DONE]}.
 */
final class VllmEvents {
    private VllmEvents() {}

    private static final String[] WORDS = {" the", " engine", " stream", "s", " token", " with", " latency", ",",
            " é", " batch", "ing", " 世界", " of", " a", " request", "."};

    /** One content event; {@code text} must not need JSON escaping. */
    static String contentEvent(int index, String text) {
        return "data: {\"id\":\"cmpl-3f1c9e2a7b5d4c0e8a6f1b2d3c4e5f60\",\"object\":\"text_completion\","
                + "\"created\":1718000000,\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"choices\":[{\"index\":0,"
                + "\"text\":\"" + text + "\",\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":512,\"total_tokens\":" + (513 + index) + ",\"completion_tokens\":"
                + (index + 1) + "}}\n\n";
    }

    static String word(int i) { return WORDS[i % WORDS.length]; }

    /** A whole stream of {@code tokens} content events plus the finish event and {@code [DONE]}. */
    static byte[] stream(int tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            sb.append(contentEvent(i, word(i)));
        }
        sb.append("data: {\"id\":\"cmpl-3f1c9e2a7b5d4c0e8a6f1b2d3c4e5f60\",\"object\":\"text_completion\","
                + "\"created\":1718000000,\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"choices\":[{\"index\":0,"
                + "\"text\":\"\",\"logprobs\":null,\"finish_reason\":\"length\",\"stop_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":512,\"total_tokens\":" + (512 + tokens) + ",\"completion_tokens\":"
                + tokens + "}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
