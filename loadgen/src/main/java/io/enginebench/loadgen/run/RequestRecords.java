package io.enginebench.loadgen.run;

import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.openai.Usage;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.RequestRecord;

import java.util.ArrayList;
import java.util.List;

/** Turns what the client observed ({@link StreamResult}, absolute nanos) into a trace row (offsets from the epoch). */
final class RequestRecords {
    private RequestRecords() {}

    /**
     * @param level  where the request ran
     * @param capWaitNanos time spent waiting for the open-loop cap; with the client's pool wait it is queue_wait_ns
     * @param valid  structured_valid, or null when not structured
     */
    static RequestRecord of(String runId, long epochNanos, long requestIndex, String phase, LevelPlan level,
                            PlannedRequest req, long scheduledNanos, long capWaitNanos, StreamResult s,
                            Boolean valid) {
        List<Long> chunks = new ArrayList<>();
        List<Integer> chunkTokens = new ArrayList<>();
        if (s.chunkNanos() != null) {
            for (int i = 0; i < s.chunkNanos().length; i++) {
                chunks.add(s.chunkNanos()[i] - epochNanos);
                chunkTokens.add(s.chunkTokens() != null && i < s.chunkTokens().length ? s.chunkTokens()[i] : 1);
            }
        }
        Usage u = s.usage();
        boolean usageReported = u != null && u.completionTokens() != null;
        Integer completion = usageReported ? u.completionTokens()
                : s.outcome() == Outcome.OK || s.contentChunkCount() > 0 ? Integer.valueOf(s.contentChunkCount()) : null;
        boolean sent = s.sentNanos() != 0;
        return new RequestRecord(runId, requestIndex, phase, level.index(), level.concurrency(), level.targetRate(),
                level.arm().name(), req.prompt().id(), req.prompt().category(), req.prompt().endpoint().wire(),
                req.generation().maxTokens(), req.generation().temperature(), req.generation().ignoreEos(),
                req.structuredMode(), scheduledNanos - epochNanos,
                sent ? s.sentNanos() - epochNanos : null, off(s.headersNanos(), epochNanos),
                off(s.firstChunkNanos(), epochNanos), off(s.firstTokenNanos(), epochNanos),
                off(s.lastTokenNanos(), epochNanos), s.completedNanos() - epochNanos,
                chunks, chunkTokens, s.chunkTokensExact(), req.prompt().sha256(),
                u == null ? null : u.promptTokens(), completion, u == null ? null : u.cachedTokens(), usageReported,
                s.contentChunkCount(), s.text() == null ? 0 : s.text().length(), s.finishReason(),
                s.outcome().wire(), s.httpStatus(), s.error(), valid, capWaitNanos + s.poolWaitNanos(),
                req.wire().requestId());
    }

    private static Long off(Long abs, long epoch) { return abs == null ? null : abs - epoch; }
}
