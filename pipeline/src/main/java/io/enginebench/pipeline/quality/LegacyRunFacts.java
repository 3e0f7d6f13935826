package io.enginebench.pipeline.quality;

/**
 * What the per-file legacy rules look at, gathered while parsing.
 *
 * @param labelPromptTokens  the prompt length the scenario claims, in tokens (null when it claims none)
 * @param medianPromptWords  median of the requests' {@code prompt_len}, which counted words
 */
public record LegacyRunFacts(String runUid, String sourcePath, String scenario, String specMethod,
                             boolean hasRunMetadata, int requests, int zeroTokenRequests, int okZeroTokenRequests,
                             int failedRequests, int failedWithoutError, int timelineSamples,
                             boolean timelineAllZero, Integer labelPromptTokens, Double medianPromptWords,
                             boolean structuredScenario) {
}
