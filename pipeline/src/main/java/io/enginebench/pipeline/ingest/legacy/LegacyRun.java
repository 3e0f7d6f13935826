package io.enginebench.pipeline.ingest.legacy;

import io.enginebench.pipeline.quality.Finding;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * One parsed legacy result file: its rows for {@code runs}, {@code requests}, {@code engine_metrics} and findings.
 *
 * @param sourcePathQualified the file's full path (null until known)
 */
public record LegacyRun(String runUid, String sourcePath, String sourcePathQualified, String contentSha256, Row run,
                        List<Row> requests, List<Row> engineMetrics, List<Finding> findings) {

    /** The same run without its request and metric rows (only their count kept in {@code requests}' size). */
    public LegacyRun withoutRows(String qualifiedPath) {
        return new LegacyRun(runUid, sourcePath, qualifiedPath, contentSha256, run,
                java.util.Collections.nCopies(requests.size(), null), List.of(), findings);
    }
}
