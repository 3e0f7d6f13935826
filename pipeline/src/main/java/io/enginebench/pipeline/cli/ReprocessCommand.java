package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.steps.AnalyzeResult;
import io.enginebench.pipeline.steps.IngestOptions;
import io.enginebench.pipeline.steps.IngestResult;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.pipeline.steps.ReportOptions;
import io.enginebench.pipeline.steps.ReportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench reprocess}: ingest, analyze and report in one process. The same steps as the three commands, sharing
 * one JVM and one Spark session: on the historical corpus, starting Spark and warming up the JIT three times was a
 * third of the time.
 */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = {"Ingest PATHs, analyze and write the dated report in one process (one Spark session): the same "
                + "as `bench ingest PATH…`, `bench analyze` and `bench report` in turn, for bulk reprocessing."})
public final class ReprocessCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders, walked recursively.")
    List<String> paths;

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "Report directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Report date (default: today, UTC).")
    String date;

    @Mixin
    AnalysisFlags analysisFlags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // every option is checked before the first step starts
        IngestOptions ingestOptions = new IngestOptions(paths);
        AnalysisOptions analysisOptions = analysisFlags.options();
        ReportOptions reportOptions = ReportOptions.defaults().withOut(out).withDate(ReportOptions.parseDate(date));
        PrintWriter o = spec.commandLine().getOut();
        StepPrinter printer = new StepPrinter(o);
        try (PipelineSteps steps = PipelineSteps.open(warehouse.path()).withProgress(System.out)) {
            IngestResult ingested = steps.ingest(ingestOptions);
            printer.ingested(ingested);
            AnalyzeResult analyzed = steps.analyze(analysisOptions);
            printer.analyzed(analyzed, analysisFlags.timings());
            ReportResult reported = steps.report(reportOptions);
            printer.reported(reported);
            double all = ingested.seconds() + analyzed.seconds() + reported.seconds();
            o.printf("reprocess: ingest %.1f s, analyze %.1f s, report %.1f s, %.1f s in all%n", ingested.seconds(),
                    analyzed.seconds(), reported.seconds(), all);
            o.flush();
        }
        return 0;
    }
}
