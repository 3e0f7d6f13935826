package io.enginebench.pipeline.warehouse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every table of the warehouse, once: the base tables of an ingest snapshot (docs/WAREHOUSE.md), the views over them
 * and the derived tables of {@code bench analyze} (docs/DERIVED_TABLES.md). Code names a table through this registry,
 * never by a string of its own; the docs' table index and the SQL shell's {@code \d} show the descriptions.
 */
public enum WarehouseTable {
    RUNS("runs", Kind.BASE, List.of("run_uid"),
            "one row per run: identity, scenario, engine, model, client self-check"),
    REQUESTS("requests", Kind.BASE, List.of("run_uid", "request_index"),
            "one row per request: timings in ns from the run epoch, chunk arrays, usage, outcome"),
    ENGINE_METRICS("engine_metrics", Kind.BASE, List.of("run_uid", "t_ns", "source", "name", "labels"),
            "samples scraped from the engine while it ran, by normalized series name"),
    DATA_QUALITY("data_quality", Kind.BASE, List.of("rule", "source_path", "run_uid", "detail"),
            "one row per data-quality finding (rule, severity, the part of the run it is about)"),
    QUARANTINE("quarantine", Kind.BASE, List.of("source_path", "reason"),
            "files that could not be ingested, with the reason"),

    CHUNKS("chunks", Kind.VIEW, List.of("run_uid", "request_index", "chunk_index"),
            "requests exploded by content chunk: offset, tokens, gap to the previous chunk"),

    RUN_SUMMARY("run_summary", Kind.DERIVED, List.of("run_uid", "scope", "level_index", "arm"),
            "per run, level and arm: counts, duration, throughput, latency percentiles"),
    CELL_SUMMARY("cell_summary", Kind.DERIVED, List.of("cell", "metric"),
            "per cell and metric over iterations: n, mean, sd, 95% CI, CV"),
    VARIANCE("variance", Kind.DERIVED, List.of("cell", "metric"),
            "whole-run cells with their coefficient of variation over iterations"),
    TPOT("tpot", Kind.DERIVED, List.of("run_uid", "scope", "level_index", "arm"),
            "TPOT distribution (n, mean, percentiles) per run, level and arm"),
    TPOT_HIST("tpot_hist", Kind.DERIVED, List.of("run_uid", "bin"),
            "TPOT histogram: 20 bins per run"),
    ITL("itl", Kind.DERIVED, List.of("run_uid", "scope", "level_index", "arm"),
            "inter-token latency distribution per run, level and arm, with per-token percentiles"),
    ITL_HIST("itl_hist", Kind.DERIVED, List.of("run_uid", "bin"),
            "inter-token latency histogram: 20 bins per run"),
    GOODPUT("goodput", Kind.DERIVED, List.of("run_uid", "slo"),
            "requests meeting each SLO per run and per model and engine, and their rate"),
    CONCURRENCY_LEVELS("concurrency_levels", Kind.DERIVED,
            List.of("model_name", "engine_group", "scenario", "config_hash", "max_tokens", "level_index"),
            "ramp levels per engine: throughput, latency, saturation and peak"),
    DECODE_SWEEP("decode_sweep", Kind.DERIVED,
            List.of("model_name", "engine_group", "config_hash", "max_tokens", "metric"),
            "decode-length sweep per engine and max_tokens, with leaders and crossovers"),
    SPEC_DECODING("spec_decoding", Kind.DERIVED, List.of("model_name", "scenario", "engine_variant"),
            "speculative-decoding variants against their base engine: ratios and acceptance"),
    PREFIX_CACHE("prefix_cache", Kind.DERIVED, List.of("run_uid"),
            "prefix-sharing runs: cache hit rate and TTFT of the shared against the unique arm"),
    STRUCTURED("structured", Kind.DERIVED, List.of("run_uid"),
            "structured-output runs: validity and overhead of the constrained arm"),
    CROSS_MODEL("cross_model", Kind.DERIVED,
            List.of("model_name", "engine_group", "scenario", "config_hash", "latency_basis"),
            "throughput and latency per model, engine and scenario, with model size"),
    SLO_SEARCH("slo_search", Kind.DERIVED, List.of("scope", "run_uid", "cell"),
            "SLO searches: sustainable rate per run and per cell"),
    WINNERS("winners", Kind.DERIVED, List.of("cell", "metric", "engine_a", "engine_b"),
            "pairwise engine comparisons per cell and metric, decided by 95% CIs"),
    DATA_QUALITY_SUMMARY("data_quality_summary", Kind.DERIVED, List.of("rule", "severity", "source"),
            "data-quality findings counted by rule, severity and source"),
    LEGACY_FILE_METRICS("legacy_file_metrics", Kind.DERIVED, List.of("run_uid"),
            "older harness: its per-file metrics, recomputed from the requests"),
    LEGACY_TPOT("legacy_tpot", Kind.DERIVED, List.of("collection", "model_name", "engine", "scenario"),
            "older harness: TPOT by its definition"),
    LEGACY_GOODPUT("legacy_goodput", Kind.DERIVED,
            List.of("collection", "model_name", "engine", "scenario", "slo"),
            "older harness: goodput by its definition"),
    LEGACY_VARIANCE("legacy_variance", Kind.DERIVED,
            List.of("collection", "model_name", "engine", "scenario", "metric"),
            "older harness: variance across its files"),
    LEGACY_DECODE_SWEEP("legacy_decode_sweep", Kind.DERIVED,
            List.of("collection", "model_name", "engine", "max_tokens", "metric"),
            "older harness: decode-length sweep");

    /** Where a table comes from. */
    public enum Kind {
        /** written by {@code bench ingest} into a snapshot */
        BASE,
        /** a view over base tables, registered on demand */
        VIEW,
        /** written by {@code bench analyze} */
        DERIVED
    }

    private final String tableName;
    private final Kind kind;
    private final List<String> keyColumns;
    private final String description;

    WarehouseTable(String tableName, Kind kind, List<String> keyColumns, String description) {
        this.tableName = tableName;
        this.kind = kind;
        this.keyColumns = keyColumns;
        this.description = description;
    }

    /** The name in SQL, on disk and in the CSV files. */
    public String tableName() {
        return tableName;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The columns that identify a row (docs' "grain"; {@code cell} stands for the cell columns of
     * docs/DERIVED_TABLES.md). Base tables are written sorted by them.
     */
    public List<String> keyColumns() {
        return keyColumns;
    }

    public String description() {
        return description;
    }

    /** The tables of one kind, in declaration order. */
    public static List<WarehouseTable> ofKind(Kind kind) {
        return Arrays.stream(values()).filter(t -> t.kind == kind).toList();
    }

    /** Names of the tables of one kind, in declaration order. */
    public static List<String> namesOf(Kind kind) {
        return ofKind(kind).stream().map(WarehouseTable::tableName).toList();
    }

    /** The registered table of that name, if any. */
    public static Optional<WarehouseTable> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
    }
}
