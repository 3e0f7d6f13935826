package io.enginebench.loadgen.cli;

import java.util.List;

/** The {@code bench} subcommands this module contributes; none of them starts Spark. */
public final class LoadgenCommands {
    private LoadgenCommands() {}

    public static List<Object> all() {
        return List.of(new RunCommand(), new RecoverCommand(), new HealthCommand(), new ListScenariosCommand(),
                new ListPromptPacksCommand(), new EngineCommand(), new MatrixCommand());
    }
}
