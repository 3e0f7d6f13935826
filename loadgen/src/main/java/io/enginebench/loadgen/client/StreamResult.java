package io.enginebench.loadgen.client;

import io.enginebench.trace.Outcome;

/**
 * What the client observed for one request. Times are absolute {@code System.nanoTime()} values taken when bytes arrived,
 * before parsing; null when the event never happened.
 *
 * @param chunkNanos       arrival of every content chunk (non-empty text)
 * @param chunkTokens      tokens per content chunk: from per-chunk usage when present, else 1 each
 * @param chunkTokensExact true when {@code chunkTokens} came from per-chunk usage
 * @param text             the generated text, concatenated (for structured-output validation and output_chars)
 * @param usage            the final usage (vLLM/OpenAI: an event with empty choices; llama.cpp: inside the last content event), or null
 * @param error            non-200 body text or the failure's description; null when ok
 */
public record StreamResult(Outcome outcome, Integer httpStatus, String error,
                           long sentNanos, Long headersNanos, Long firstChunkNanos, Long firstTokenNanos,
                           Long lastTokenNanos, long completedNanos,
                           long[] chunkNanos, int[] chunkTokens, boolean chunkTokensExact,
                           String text, int contentChunkCount, Usage usage, String finishReason) {
}
