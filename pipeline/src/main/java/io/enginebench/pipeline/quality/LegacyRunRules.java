package io.enginebench.pipeline.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.enginebench.pipeline.quality.Finding.ERROR;
import static io.enginebench.pipeline.quality.Finding.INFO;
import static io.enginebench.pipeline.quality.Finding.WARNING;

/** The per-file defects of the older harness's results (legacy-results README, "Known problems"). */
public final class LegacyRunRules {
    /** English text averages about 0.75 words per token; below half the label's length the label is wrong. */
    static final double WORDS_PER_TOKEN = 0.75;
    static final double LABEL_TOLERANCE = 0.5;

    private LegacyRunRules() {}

    public static List<Finding> check(LegacyRunFacts f) {
        List<Finding> out = new ArrayList<>();
        String uid = f.runUid();
        String path = f.sourcePath();
        if (f.requests() > 0 && f.zeroTokenRequests() == f.requests()) {
            out.add(new Finding(uid, path, Rules.ALL_ZERO_TOKENS, ERROR, "all " + f.requests()
                    + " requests produced 0 output tokens (ttft_ms == total_ms is the time to an empty stream)"));
        }
        if (f.okZeroTokenRequests() > 0) {
            out.add(new Finding(uid, path, Rules.OK_ZERO_TOKENS, WARNING, f.okZeroTokenRequests() + " of "
                    + f.requests() + " requests counted as successful produced 0 output tokens"));
        }
        if (f.failedRequests() > 0) {
            out.add(new Finding(uid, path, Rules.FAILED_REQUESTS, WARNING,
                    f.failedRequests() + " of " + f.requests() + " requests failed"));
        }
        if (f.failedWithoutError() > 0) {
            out.add(new Finding(uid, path, Rules.FAILED_EMPTY_ERROR, WARNING,
                    f.failedWithoutError() + " failed requests have an empty error string"));
        }
        if (f.specMethod() != null) {
            out.add(new Finding(uid, path, Rules.SPEC_TOKENS_ARE_CHUNKS, WARNING, "speculative decoding ("
                    + f.specMethod() + "): output_tokens counts SSE chunks, each may carry several tokens; "
                    + "token throughput is understated"));
        }
        if (f.timelineSamples() > 0 && f.timelineAllZero()) {
            out.add(new Finding(uid, path, Rules.ENGINE_METRICS_ALL_ZERO, WARNING, "all " + f.timelineSamples()
                    + " engine_metrics_timeline samples are 0 (metric names did not match the engine)"));
        }
        if (f.labelPromptTokens() != null && f.medianPromptWords() != null) {
            double estTokens = f.medianPromptWords() / WORDS_PER_TOKEN;
            if (estTokens < LABEL_TOLERANCE * f.labelPromptTokens()) {
                out.add(new Finding(uid, path, Rules.PROMPT_SHORTER_THAN_LABEL, WARNING, String.format(Locale.ROOT,
                        "scenario claims ~%d prompt tokens; median prompt is %.0f words (~%.0f tokens)",
                        f.labelPromptTokens(), f.medianPromptWords(), estTokens)));
            }
        }
        if (f.structuredScenario()) {
            out.add(new Finding(uid, path, Rules.JSON_SCHEMA_NOT_SENT, WARNING,
                    "the older harness sent no JSON schema with the requests: output was unconstrained"));
        }
        if (!f.hasRunMetadata()) {
            out.add(new Finding(uid, path, Rules.MISSING_RUN_METADATA, INFO,
                    "no run_metadata: model and iteration unknown"));
        }
        return out;
    }
}
