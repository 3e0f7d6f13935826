package io.enginebench.pipeline.cli;

import java.util.List;

/** The {@code bench} subcommands this module contributes (they start a SparkSession when they run, not before). */
public final class PipelineCommands {
    private PipelineCommands() {}

    public static List<Object> all() {
        return List.of(new IngestCommand(), new AnalyzeCommand(), new ReportCommand(), new ReprocessCommand(), new SqlCommand(),
                new SqlServerCommand(), new NotebookCommand());
    }
}
