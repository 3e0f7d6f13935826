package io.enginebench.pipeline.steps;

import io.enginebench.pipeline.ingest.IngestSummary;

/**
 * What {@link PipelineSteps#ingest} did.
 *
 * @param summary counts per source (seen, ingested, duplicates, quarantined), skipped files, findings, the snapshot
 * @param seconds the step's wall time, Spark's start included when this step started it
 */
public record IngestResult(IngestSummary summary, double seconds) {
    /** Runs stored by this batch, over every source. */
    public int ingested() { return summary.ingested(); }

    /** Copies of a run found in this batch or already stored, kept once. */
    public int duplicates() { return summary.duplicates(); }

    /** Files set aside with a reason (table {@code quarantine}). */
    public int quarantined() { return summary.quarantined(); }

    /** The snapshot written, now the warehouse's live one ({@code snapshots/<id>/}). */
    public String snapshot() { return summary.snapshot(); }
}
