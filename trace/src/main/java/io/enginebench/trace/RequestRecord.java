package io.enginebench.trace;

import java.util.List;

/**
 * One row of {@code requests.parquet}: everything the client observed about one request.
 *
 * <p>All {@code *Ns} fields are monotonic offsets in nanoseconds from the run epoch
 * ({@link RunManifest#epochUnixNs()} is its wall-clock value), taken with {@code System.nanoTime()} when the bytes
 * arrived, before any parsing. A {@code null} offset means the event never happened (e.g. no first token).
 *
 * @param requestIndex      position in the run's send order, unique within a run (warm-up included)
 * @param phase             {@code warmup} or {@code measured}
 * @param levelIndex        index of the ramp/rate level in effect (0 for single-level scenarios)
 * @param concurrency       the concurrency in effect (closed loop), or the cap (open loop), else null
 * @param targetRate        the offered rate in requests/s (open loop), else null
 * @param arm               the arm of a two-arm scenario ({@code unique|shared}, {@code unconstrained|json_schema}), else null
 * @param endpoint          {@code completions} or {@code chat}
 * @param structuredMode    {@code none}, {@code json_schema} or {@code regex}
 * @param chunkOffsetsNs    arrival offset of every content chunk (a chunk carrying non-empty text)
 * @param chunkTokens       tokens per content chunk: from per-chunk usage when the engine reports it, else 1 each
 * @param chunkTokensExact  true when {@code chunkTokens} came from the engine's per-chunk usage
 * @param usageReported     true when {@code completionTokens} came from the server's {@code usage}; false means it is
 *                          the content-chunk count and statistics built on it are flagged
 * @param structuredValid   null when the request was not structured
 * @param queueWaitNs       time the request waited, after its scheduled time, for a concurrency cap or a free pooled
 *                          connection (0 when it did not wait; null in runs of schema version 1). Part of
 *                          {@code first_token_ns − scheduled_ns}, never of {@code first_token_ns − sent_ns}.
 * @param requestId         the id sent as the request's {@code x-request-id} header ({@code <run_id>-<request_index>}),
 *                          so a row joins with the engine's own logs; null in runs of schema versions 1 and 2
 */
public record RequestRecord(
        String runId,
        long requestIndex,
        String phase,
        int levelIndex,
        Integer concurrency,
        Double targetRate,
        String arm,
        String promptId,
        String promptCategory,
        String endpoint,
        int maxTokens,
        double temperature,
        boolean ignoreEos,
        String structuredMode,
        long scheduledNs,
        Long sentNs,
        Long headersNs,
        Long firstChunkNs,
        Long firstTokenNs,
        Long lastTokenNs,
        Long completedNs,
        List<Long> chunkOffsetsNs,
        List<Integer> chunkTokens,
        boolean chunkTokensExact,
        String promptSha256,
        Integer promptTokens,
        Integer completionTokens,
        Integer cachedTokens,
        boolean usageReported,
        int contentChunkCount,
        long outputChars,
        String finishReason,
        String outcome,
        Integer httpStatus,
        String error,
        Boolean structuredValid,
        Long queueWaitNs,
        String requestId) {

    public RequestRecord {
        chunkOffsetsNs = chunkOffsetsNs == null ? List.of() : List.copyOf(chunkOffsetsNs);
        chunkTokens = chunkTokens == null ? List.of() : List.copyOf(chunkTokens);
        if (chunkOffsetsNs.size() != chunkTokens.size()) {
            throw new IllegalArgumentException("chunk_offsets_ns and chunk_tokens differ in length: "
                    + chunkOffsetsNs.size() + " vs " + chunkTokens.size());
        }
    }

    /** A row as schema version 2 wrote it: no {@code request_id}. */
    public RequestRecord(String runId, long requestIndex, String phase, int levelIndex, Integer concurrency,
                         Double targetRate, String arm, String promptId, String promptCategory, String endpoint,
                         int maxTokens, double temperature, boolean ignoreEos, String structuredMode, long scheduledNs,
                         Long sentNs, Long headersNs, Long firstChunkNs, Long firstTokenNs, Long lastTokenNs,
                         Long completedNs, List<Long> chunkOffsetsNs, List<Integer> chunkTokens,
                         boolean chunkTokensExact, String promptSha256, Integer promptTokens, Integer completionTokens,
                         Integer cachedTokens, boolean usageReported, int contentChunkCount, long outputChars,
                         String finishReason, String outcome, Integer httpStatus, String error,
                         Boolean structuredValid, Long queueWaitNs) {
        this(runId, requestIndex, phase, levelIndex, concurrency, targetRate, arm, promptId, promptCategory, endpoint,
                maxTokens, temperature, ignoreEos, structuredMode, scheduledNs, sentNs, headersNs, firstChunkNs,
                firstTokenNs, lastTokenNs, completedNs, chunkOffsetsNs, chunkTokens, chunkTokensExact, promptSha256,
                promptTokens, completionTokens, cachedTokens, usageReported, contentChunkCount, outputChars,
                finishReason, outcome, httpStatus, error, structuredValid, queueWaitNs, null);
    }

    /** A row as schema version 1 wrote it: no {@code queue_wait_ns}, no {@code request_id}. */
    public RequestRecord(String runId, long requestIndex, String phase, int levelIndex, Integer concurrency,
                         Double targetRate, String arm, String promptId, String promptCategory, String endpoint,
                         int maxTokens, double temperature, boolean ignoreEos, String structuredMode, long scheduledNs,
                         Long sentNs, Long headersNs, Long firstChunkNs, Long firstTokenNs, Long lastTokenNs,
                         Long completedNs, List<Long> chunkOffsetsNs, List<Integer> chunkTokens,
                         boolean chunkTokensExact, String promptSha256, Integer promptTokens, Integer completionTokens,
                         Integer cachedTokens, boolean usageReported, int contentChunkCount, long outputChars,
                         String finishReason, String outcome, Integer httpStatus, String error,
                         Boolean structuredValid) {
        this(runId, requestIndex, phase, levelIndex, concurrency, targetRate, arm, promptId, promptCategory, endpoint,
                maxTokens, temperature, ignoreEos, structuredMode, scheduledNs, sentNs, headersNs, firstChunkNs,
                firstTokenNs, lastTokenNs, completedNs, chunkOffsetsNs, chunkTokens, chunkTokensExact, promptSha256,
                promptTokens, completionTokens, cachedTokens, usageReported, contentChunkCount, outputChars,
                finishReason, outcome, httpStatus, error, structuredValid, null, null);
    }

    /** A copy with {@code queue_wait_ns} set. */
    public RequestRecord withQueueWaitNs(Long wait) {
        return new RequestRecord(runId, requestIndex, phase, levelIndex, concurrency, targetRate, arm, promptId,
                promptCategory, endpoint, maxTokens, temperature, ignoreEos, structuredMode, scheduledNs, sentNs,
                headersNs, firstChunkNs, firstTokenNs, lastTokenNs, completedNs, chunkOffsetsNs, chunkTokens,
                chunkTokensExact, promptSha256, promptTokens, completionTokens, cachedTokens, usageReported,
                contentChunkCount, outputChars, finishReason, outcome, httpStatus, error, structuredValid, wait,
                requestId);
    }

    /** A copy with {@code request_id} set. */
    public RequestRecord withRequestId(String id) {
        return new RequestRecord(runId, requestIndex, phase, levelIndex, concurrency, targetRate, arm, promptId,
                promptCategory, endpoint, maxTokens, temperature, ignoreEos, structuredMode, scheduledNs, sentNs,
                headersNs, firstChunkNs, firstTokenNs, lastTokenNs, completedNs, chunkOffsetsNs, chunkTokens,
                chunkTokensExact, promptSha256, promptTokens, completionTokens, cachedTokens, usageReported,
                contentChunkCount, outputChars, finishReason, outcome, httpStatus, error, structuredValid, queueWaitNs,
                id);
    }

    public boolean isOk() { return Outcome.OK.wire().equals(outcome); }

    public boolean isMeasured() { return Phase.MEASURED.wire().equals(phase); }
}
