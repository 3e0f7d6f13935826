package io.enginebench.trace;

/**
 * Names and version of the trace contract: what a run folder {@code raw-results/<run_id>/} holds.
 *
 * <p>Bump {@link #VERSION} whenever a column changes meaning or disappears; readers refuse versions
 * they do not know instead of guessing. Adding a nullable column is compatible and keeps the version.
 */
public final class TraceSchema {
    /** Schema version written into {@code manifest.json} and into every Parquet file's key-value metadata. */
    public static final int VERSION = 1;

    /** Parquet key-value metadata key carrying {@link #VERSION}. */
    public static final String VERSION_METADATA_KEY = "enginebench.schema_version";

    public static final String MANIFEST = "manifest.json";
    public static final String REQUESTS = "requests.parquet";
    public static final String ENGINE_METRICS = "engine_metrics.parquet";
    public static final String PROMPTS = "prompts.parquet";
    /** Append-only JSON-lines journal written while a run is in progress; removed once Parquet is written. */
    public static final String JOURNAL = "journal.jsonl";

    private TraceSchema() {}
}
