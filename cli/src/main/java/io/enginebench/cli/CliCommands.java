package io.enginebench.cli;

import io.enginebench.cli.compare.CompareCommand;
import io.enginebench.dashboard.ServeCommand;

import java.util.List;

/** Subcommands that use both halves (load generator and pipeline). */
final class CliCommands {
    private CliCommands() {}

    static List<Object> all() {
        return List.of(new DemoCommand(), new CompareCommand(), new ServeCommand());
    }
}
