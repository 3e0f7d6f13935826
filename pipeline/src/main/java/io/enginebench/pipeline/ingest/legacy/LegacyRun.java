package io.enginebench.pipeline.ingest.legacy;

import io.enginebench.pipeline.quality.Finding;
import org.apache.spark.sql.Row;

import java.util.List;

/** One parsed legacy result file: its rows for {@code runs}, {@code requests}, {@code engine_metrics} and findings. */
public record LegacyRun(String runUid, String sourcePath, String contentSha256, Row run, List<Row> requests,
                        List<Row> engineMetrics, List<Finding> findings) {
}
