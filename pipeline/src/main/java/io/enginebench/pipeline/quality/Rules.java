package io.enginebench.pipeline.quality;

import java.util.List;
import java.util.Set;

/** Names of the data-quality rules, one place so that tests, docs and analyses agree. */
public final class Rules {
    // legacy result files
    public static final String ALL_ZERO_TOKENS = "all_zero_tokens";
    public static final String OK_ZERO_TOKENS = "ok_with_zero_tokens";
    public static final String FAILED_REQUESTS = "failed_requests";
    public static final String FAILED_EMPTY_ERROR = "failed_without_error_text";
    public static final String SPEC_TOKENS_ARE_CHUNKS = "spec_tokens_are_chunks";
    public static final String ENGINE_METRICS_ALL_ZERO = "engine_metrics_all_zero";
    public static final String PROMPT_SHORTER_THAN_LABEL = "prompt_shorter_than_label";
    public static final String JSON_SCHEMA_NOT_SENT = "json_schema_not_sent";
    public static final String MISSING_RUN_METADATA = "missing_run_metadata";
    public static final String LEGACY_TOKENS_ARE_CHUNKS = "legacy_tokens_are_chunks";
    // identity
    /** Runs whose model cannot be identified; analyses leave them out of every comparison. */
    public static final String MODEL_UNKNOWN = "model_unknown";
    // identity (computed across runs)
    public static final String DUPLICATE_FILE = "duplicate_file";
    public static final String REPEATED_CELL = "repeated_cell";
    public static final String EXTRA_ITERATION = "extra_iteration";
    // legacy matrix manifests
    public static final String MANIFEST_ABSOLUTE_PATH = "manifest_absolute_result_path";
    public static final String MANIFEST_MISSING_RESULT = "manifest_missing_result";
    public static final String MANIFEST_SKIPPED_TASK = "manifest_skipped_task";
    // files that could not be ingested
    public static final String QUARANTINED = "quarantined";
    // native runs
    public static final String USAGE_NOT_REPORTED = "usage_not_reported";
    public static final String USAGE_CHUNK_MISMATCH = "usage_chunk_mismatch";
    public static final String CLIENT_BOUND = "client_bound";
    public static final String PROMPT_TOKENS_OFF_LABEL = "prompt_tokens_off_label";
    public static final String SIMULATED_ENGINE = "simulated_engine";
    public static final String PARTIAL_RUN = "partial_run";
    public static final String SPEC_UNVERIFIED = "spec_unverified";
    // native runs: the engine stopped answering during the run (OutageRules)
    public static final String RUN_ABORTED = "run_aborted";
    public static final String ENGINE_OUTAGE = "engine_outage";
    // native runs: the labels a run carries, checked against what it did (LabelRules)
    public static final String CONCURRENCY_BELOW_LABEL = "concurrency_below_label";
    public static final String RATE_OFF_TARGET = "rate_off_target";
    public static final String STRUCTURED_TRUNCATED = "structured_truncated";
    public static final String IGNORE_EOS_NOT_HONOURED = "ignore_eos_not_honoured";

    /** Rules recomputed over the whole snapshot on every ingest (they relate runs to each other). */
    public static final Set<String> CROSS_RUN = Set.of(REPEATED_CELL, EXTRA_ITERATION);

    /** Rules saying a cell's load or request label did not hold: reports mark the cells they affect. */
    public static final List<String> LABEL = List.of(CONCURRENCY_BELOW_LABEL, RATE_OFF_TARGET, STRUCTURED_TRUNCATED,
            IGNORE_EOS_NOT_HONOURED);

    /** Rules whose runs are left out of comparisons (cell_summary, winners) and the headline by default. */
    public static final List<String> ENGINE_DOWN = List.of(RUN_ABORTED, ENGINE_OUTAGE);

    private Rules() {}
}
