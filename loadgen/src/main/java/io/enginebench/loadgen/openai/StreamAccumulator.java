package io.enginebench.loadgen.openai;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Folds the {@code data:} events of one OpenAI-compatible stream into what the trace needs: arrival time and token
 * count of every content chunk, the text, the final usage and finish reason, and whether the stream ended properly.
 *
 * <p>Token counts per chunk: when an event carries {@code usage.completion_tokens} (vLLM's
 * {@code continuous_usage_stats}), a content chunk's tokens are the growth of that counter since the previous
 * content chunk, so tokens of events without text are attributed to the next chunk that has some. The counts are
 * exact only if every content chunk carried usage; otherwise each chunk counts 1 (and {@link #tokensExact()} is false).
 * Per-event work is one streaming JSON pass and a few array stores.
 */
public final class StreamAccumulator {
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final StreamChunkParser parser;
    private long[] chunkNanos = new long[64];
    private int[] chunkTokens = new int[64];
    private int contentChunks;
    private int chunksWithUsage;
    private int completionTokensAtLastChunk;
    private final StringBuilder text = new StringBuilder();
    private Long firstEventNanos;
    private Usage usage;
    private String finishReason;
    private boolean done;
    private String error;

    public StreamAccumulator(StreamChunkParser parser) {
        this.parser = parser;
    }

    /** One event's data, with the arrival time of the read that completed it. Ignores events after [DONE] or an error. */
    public void onEvent(String data, long arrivalNanos) {
        byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
        onEvent(utf8, 0, utf8.length, arrivalNanos);
    }

    /** As {@link #onEvent(String, long)}, from the UTF-8 bytes the SSE decoder holds (read only during the call). */
    public void onEvent(byte[] utf8, int offset, int length, long arrivalNanos) {
        if (done || error != null) {
            return;
        }
        if (firstEventNanos == null) {
            firstEventNanos = arrivalNanos;
        }
        if (isDone(utf8, offset, length)) {
            done = true;
            return;
        }
        StreamChunk chunk;
        try {
            chunk = parser.parse(utf8, offset, length);
        } catch (IOException e) {
            error = "malformed stream event: "
                    + StreamChunkParser.abbreviate(new String(utf8, offset, length, StandardCharsets.UTF_8));
            return;
        }
        if (chunk.error() != null) {
            error = "error event in stream: " + chunk.error();
            return;
        }
        Integer completionSoFar = chunk.usage() == null ? null : chunk.usage().completionTokens();
        if (chunk.usage() != null) {
            usage = chunk.usage(); // the last usage seen is the final one
        }
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
        }
        if (chunk.hasText()) {
            addContentChunk(arrivalNanos, completionSoFar);
            text.append(chunk.text());
        }
    }

    /** {@code [DONE]}, ignoring surrounding whitespace */
    private static boolean isDone(byte[] b, int offset, int length) {
        int from = offset;
        int to = offset + length;
        while (from < to && b[from] <= ' ') from++;
        while (to > from && b[to - 1] <= ' ') to--;
        if (to - from != DONE.length) return false;
        for (int i = 0; i < DONE.length; i++) {
            if (b[from + i] != DONE[i]) return false;
        }
        return true;
    }

    private void addContentChunk(long nanos, Integer completionSoFar) {
        if (contentChunks == chunkNanos.length) {
            chunkNanos = Arrays.copyOf(chunkNanos, contentChunks * 2);
            chunkTokens = Arrays.copyOf(chunkTokens, contentChunks * 2);
        }
        chunkNanos[contentChunks] = nanos;
        if (completionSoFar != null) {
            chunkTokens[contentChunks] = Math.max(0, completionSoFar - completionTokensAtLastChunk);
            completionTokensAtLastChunk = completionSoFar;
            chunksWithUsage++;
        } else {
            chunkTokens[contentChunks] = 1;
        }
        contentChunks++;
    }

    /** True after {@code data: [DONE]}. */
    public boolean done() { return done; }

    /** An error event or malformed JSON ended the stream; null otherwise. */
    public String error() { return error; }

    /** The body ended: did the stream end the way a healthy one does? */
    public boolean endedNormally() { return error == null && (done || finishReason != null); }

    public Long firstEventNanos() { return firstEventNanos; }

    public Long firstTokenNanos() { return contentChunks == 0 ? null : chunkNanos[0]; }

    public Long lastTokenNanos() { return contentChunks == 0 ? null : chunkNanos[contentChunks - 1]; }

    public int contentChunkCount() { return contentChunks; }

    public long[] chunkNanos() { return Arrays.copyOf(chunkNanos, contentChunks); }

    public boolean tokensExact() { return contentChunks > 0 && chunksWithUsage == contentChunks; }

    public int[] chunkTokens() {
        if (tokensExact()) {
            return Arrays.copyOf(chunkTokens, contentChunks);
        }
        int[] ones = new int[contentChunks];
        Arrays.fill(ones, 1);
        return ones;
    }

    public String text() { return text.toString(); }

    public Usage usage() { return usage; }

    public String finishReason() { return finishReason; }
}
