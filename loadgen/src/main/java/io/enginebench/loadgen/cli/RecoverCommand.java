package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.run.Recovery;
import io.enginebench.trace.JournalReader;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench recover}: seals run folders a killed run left behind (status partial). */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Seal run folders left by a killed run (journal -> Parquet, status partial).",
            "DIR is a run folder, or a folder of runs (e.g. raw-results/): then every unsealed run in it is sealed,"
                    + " except one whose journal changed in the last 2 minutes (it may still be running)."})
public final class RecoverCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR")
    List<Path> dirs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        for (Path dir : dirs) {
            if (Recovery.isRunFolder(dir)) recoverOne(dir, out);
            else if (Files.isDirectory(dir)) recoverUnder(dir, out);
            else throw new UserFacingException("no such folder: " + dir);
        }
        out.flush();
        return 0;
    }

    private static void recoverOne(Path runDir, PrintWriter out) throws IOException {
        JournalReader.Result r = Recovery.recover(runDir);
        out.printf("recovered %s: %d requests, %d engine metric samples, %d prompts%s (status partial)%n", runDir,
                r.requests(), r.metrics(), r.prompts(), r.badLines() > 0 ? ", " + r.badLines() + " torn line(s) skipped" : "");
    }

    private static void recoverUnder(Path parent, PrintWriter out) throws IOException {
        List<Path> runs = Recovery.unsealedRunsUnder(parent);
        if (runs.isEmpty()) {
            out.printf("nothing to recover under %s (no run folder with a journal.jsonl)%n", parent);
            return;
        }
        Instant now = Instant.now();
        int recovered = 0;
        for (Path run : runs) {
            Duration quiet = Recovery.journalQuietFor(run, now);
            if (quiet.compareTo(Recovery.QUIET_BEFORE_RECOVERY) < 0) {
                out.printf("skipped %s: its journal changed %d s ago (still running?); name the run folder itself to "
                        + "recover it anyway%n", run, Math.max(0, quiet.toSeconds()));
                continue;
            }
            recoverOne(run, out);
            recovered++;
        }
        out.printf("%d run(s) recovered under %s%n", recovered, parent);
    }
}
