package io.enginebench.pipeline.steps;

import java.nio.file.Path;

/**
 * What {@link PipelineSteps#report} wrote.
 *
 * @param reportDir {@code <out>/<date>/}
 * @param markdown  its final_report.md
 * @param html      its final_report.html
 * @param index     {@code <out>/index.html}, rebuilt
 * @param figures   figures written
 * @param tables    table CSVs written
 * @param seconds   the step's wall time
 */
public record ReportResult(Path reportDir, Path markdown, Path html, Path index, int figures, int tables,
        double seconds) {}
