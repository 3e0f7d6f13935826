package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.pipeline.steps.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write reports/<date>/final_report.md + final_report.html (interactive charts, plotly.js bundled, "
                + "works offline), figures/*.html|svg, tables/*.csv, and rebuild reports/index.html.",
                "Every number comes from a warehouse table named next to it (run `bench analyze` first)."})
public final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    WarehouseOption warehouse;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Report date and folder name (default: today, UTC).")
    String date;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = {"Spark SQL predicate over the columns of `runs`, e.g. "
                    + "\"model_name = 'Qwen3-32B' AND source = 'native'\" or \"engine IN ('vllm','sglang') AND NOT "
                    + "simulated\" (columns: run_uid, source, collection, model, model_name, engine, engine_variant, "
                    + "spec_method, scenario, simulated, hardware, timestamp, ...).",
                    "Tables with run_uid keep the selected runs' rows; aggregate tables keep the cells whose "
                    + "model/engine/scenario has a selected run (not recomputed). The report prints how each table "
                    + "was filtered."})
    String filter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReportOptions options = ReportOptions.defaults().withOut(out).withDate(ReportOptions.parseDate(date))
                .withFilter(filter);
        try (PipelineSteps steps = PipelineSteps.open(warehouse.path())) {
            new StepPrinter(spec.commandLine().getOut()).reported(steps.report(options));
        }
        return 0;
    }
}
