package io.enginebench.loadgen.client;

import io.enginebench.loadgen.openai.Usage;
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
 * @param poolWaitNanos    how long the request waited for a free pooled connection before it could be written (all
 *                         connections busy); 0 when one was free. Connecting a new connection is not waiting.
 */
public record StreamResult(Outcome outcome, Integer httpStatus, String error,
                           long sentNanos, Long headersNanos, Long firstChunkNanos, Long firstTokenNanos,
                           Long lastTokenNanos, long completedNanos,
                           long[] chunkNanos, int[] chunkTokens, boolean chunkTokensExact,
                           String text, int contentChunkCount, Usage usage, String finishReason,
                           long poolWaitNanos) {

    /** A result that did not wait for a connection. */
    public StreamResult(Outcome outcome, Integer httpStatus, String error, long sentNanos, Long headersNanos,
                        Long firstChunkNanos, Long firstTokenNanos, Long lastTokenNanos, long completedNanos,
                        long[] chunkNanos, int[] chunkTokens, boolean chunkTokensExact, String text,
                        int contentChunkCount, Usage usage, String finishReason) {
        this(outcome, httpStatus, error, sentNanos, headersNanos, firstChunkNanos, firstTokenNanos, lastTokenNanos,
                completedNanos, chunkNanos, chunkTokens, chunkTokensExact, text, contentChunkCount, usage,
                finishReason, 0);
    }

    public StreamResult withPoolWaitNanos(long wait) {
        return new StreamResult(outcome, httpStatus, error, sentNanos, headersNanos, firstChunkNanos, firstTokenNanos,
                lastTokenNanos, completedNanos, chunkNanos, chunkTokens, chunkTokensExact, text, contentChunkCount,
                usage, finishReason, wait);
    }
}
