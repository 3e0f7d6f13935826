package io.enginebench.pipeline.steps;

import io.enginebench.trace.UserFacingException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What {@link PipelineSteps#report} writes: {@code <out>/<date>/final_report.{md,html}} and {@code <out>/index.html}.
 * Start from {@link #defaults()} and change what differs.
 *
 * @param out    the reports folder
 * @param date   the report's date and folder name
 * @param filter a Spark SQL predicate over the columns of {@code runs} selecting the runs reported, or null for all
 */
public record ReportOptions(Path out, LocalDate date, String filter) {
    public static final Path DEFAULT_OUT = Path.of("reports");

    public ReportOptions {
        if (out == null) throw new UserFacingException("report: no output folder given");
        if (date == null) throw new UserFacingException("report: no date given");
        filter = filter == null || filter.isBlank() ? null : filter.trim();
    }

    /** {@code reports/}, today (UTC), every run. */
    public static ReportOptions defaults() {
        return new ReportOptions(DEFAULT_OUT, LocalDate.now(ZoneOffset.UTC), null);
    }

    public ReportOptions withOut(Path dir) { return new ReportOptions(dir, date, filter); }

    public ReportOptions withDate(LocalDate day) { return new ReportOptions(out, day, filter); }

    public ReportOptions withFilter(String predicate) { return new ReportOptions(out, date, predicate); }

    /** A {@code --date} flag: YYYY-MM-DD, or today (UTC) when null. */
    public static LocalDate parseDate(String text) {
        if (text == null) return LocalDate.now(ZoneOffset.UTC);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserFacingException("report: --date must be YYYY-MM-DD, got '" + text + "'");
        }
    }
}
