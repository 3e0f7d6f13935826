package io.enginebench.trace;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names and version of the trace contract: what a run folder {@code raw-results/<run_id>/} holds.
 *
 * <p>Bump {@link #VERSION} whenever a column is added, changes meaning or disappears, and list in
 * {@link #READABLE_VERSIONS} the older versions that still read correctly (added nullable columns read as null);
 * readers refuse versions they do not know instead of guessing.
 *
 * <p>Version 2 added {@code requests.queue_wait_ns}, version 3 {@code requests.request_id}.
 */
public final class TraceSchema {
    /** Schema version written into {@code manifest.json} and into every Parquet file's key-value metadata. */
    public static final int VERSION = 3;

    /** Versions this build reads: every older one differs from {@link #VERSION} only by added nullable columns. */
    public static final Set<Integer> READABLE_VERSIONS = Set.of(1, 2, 3);

    /** Parquet key-value metadata key carrying {@link #VERSION}. */
    public static final String VERSION_METADATA_KEY = "enginebench.schema_version";

    public static final String MANIFEST = "manifest.json";
    public static final String REQUESTS = "requests.parquet";
    public static final String ENGINE_METRICS = "engine_metrics.parquet";
    public static final String PROMPTS = "prompts.parquet";
    /** Append-only JSON-lines journal written while a run is in progress; removed once Parquet is written. */
    public static final String JOURNAL = "journal.jsonl";

    private TraceSchema() {}

    public static boolean readable(int version) { return READABLE_VERSIONS.contains(version); }

    /** The reason a reader gives for a version it refuses. */
    public static String unsupported(Object version) {
        return "unsupported trace schema version " + version + " (this build reads versions "
                + READABLE_VERSIONS.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
}
