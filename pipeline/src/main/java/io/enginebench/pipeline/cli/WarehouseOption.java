package io.enginebench.pipeline.cli;

import picocli.CommandLine.Option;

/** {@code --warehouse DIR}, shared by the pipeline commands. */
public final class WarehouseOption {
    @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = "warehouse",
            description = "Warehouse location, any Hadoop-compatible path (default: ${DEFAULT-VALUE}).")
    String path;

    public String path() { return path; }
}
