package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.run.Recovery;
import io.enginebench.trace.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench recover}: seals run folders a killed run left behind (status partial). */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Seal run folders left by a killed run (journal -> Parquet, status partial).")
public final class RecoverCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR")
    List<Path> runDirs;

    @Override
    public Integer call() throws Exception {
        for (Path dir : runDirs) {
            JournalReader.Result r = Recovery.recover(dir);
            System.out.println("recovered " + dir + ": " + r);
        }
        return 0;
    }
}
