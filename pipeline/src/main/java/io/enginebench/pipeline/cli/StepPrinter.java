package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.steps.AnalyzeResult;
import io.enginebench.pipeline.steps.IngestResult;
import io.enginebench.pipeline.steps.ReportResult;

import java.io.PrintWriter;

/** The text the pipeline commands print for a step's result, the same whichever command ran the step. */
public final class StepPrinter {
    private final PrintWriter out;

    public StepPrinter(PrintWriter out) {
        this.out = out;
    }

    /** The counts per source, skipped files, findings and the snapshot written. */
    public void ingested(IngestResult r) {
        out.println(r.summary().render());
        out.flush();
    }

    /** One line per derived table (rows; with {@code timings} its seconds, after the open/plan/intermediates lines). */
    public void analyzed(AnalyzeResult r, boolean timings) {
        if (timings) {
            out.printf("  %-22s %6.2f s%n  %-22s %6.2f s (intermediates below)%n",
                    "(session + open)", r.openSeconds(), "(plan + intermediates)", r.planSeconds());
            r.intermediates().forEach((name, s) -> out.printf("    %-20s %6.2f s%n", name, s));
            out.printf("  %-22s %6.2f s (per table below)%n", "(tables)", r.writeSeconds());
        }
        // listed in the analyses' order; tables are computed a few at a time, so their seconds overlap
        for (AnalyzeResult.DerivedTable t : r.tables()) {
            if (timings) {
                out.printf("  %-22s %,d rows  %6.2f s%n", t.name(), t.rows(), t.seconds());
            } else {
                out.printf("  %-22s %,d rows%n", t.name(), t.rows());
            }
        }
        out.printf("analyze: %d tables (%s) in %.1f s%n", r.tables().size(), r.enginePolicy().label(), r.seconds());
        out.flush();
    }

    /** Where the report and the index went. */
    public void reported(ReportResult r) {
        out.printf("report: %s (%d figures, %d tables); index: %s%n", r.html(), r.figures(), r.tables(), r.index());
        out.flush();
    }
}
