package io.enginebench.pipeline.ingest.runfolder;

import io.enginebench.pipeline.quality.Finding;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * A sealed native run folder ready to ingest.
 *
 * @param requestsFile      fully qualified path of {@code requests.parquet}
 * @param engineMetricsFile fully qualified path of {@code engine_metrics.parquet}, or null when absent
 * @param labelPromptTokens the prompt length the scenario asked for, when it names one
 */
public record NativeRun(String runUid, String sourcePath, Row run, String requestsFile, String engineMetricsFile,
                        Integer labelPromptTokens, List<Finding> findings) {
}
