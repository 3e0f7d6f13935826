package io.enginebench.loadgen.openai;

/** The server's {@code usage} object; any field may be absent. {@code cachedTokens} = {@code prompt_tokens_details.cached_tokens}. */
public record Usage(Integer promptTokens, Integer completionTokens, Integer cachedTokens) {
}
