package io.enginebench.loadgen.sim.engine;

import java.util.List;

/**
 * What one engine step produced for one request: one or more pieces (several with speculative decoding), the usage
 * so far, and the finish reason on the request's last event (null before).
 */
public record TokenEvent(List<String> pieces, int promptTokens, int cachedTokens, int completionTokens,
                         String finishReason) {
    public boolean last() { return finishReason != null; }
}
