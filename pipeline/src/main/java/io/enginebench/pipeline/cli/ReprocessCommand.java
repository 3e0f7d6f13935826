package io.enginebench.pipeline.cli;

import io.enginebench.trace.UserFacingException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench reprocess}: ingest, analyze and report in one process. Exactly the three commands in turn, sharing one
 * JVM and one Spark session: on the historical corpus, starting Spark and warming up the JIT three times was a
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

    @Option(names = "--slo", paramLabel = "TTFT_MS:TPOT_MS[:E2E_MS]", description = "as for bench analyze")
    List<String> slos = new ArrayList<>();

    @Option(names = "--legacy-merge-spec", description = "as for bench analyze")
    boolean legacyMergeSpec;

    @Option(names = "--timings", description = "as for bench analyze")
    boolean timings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> ingest = new ArrayList<>(List.of("ingest", "--warehouse", warehouse.path()));
        ingest.addAll(paths);
        List<String> analyze = new ArrayList<>(List.of("analyze", "--warehouse", warehouse.path()));
        slos.forEach(s -> analyze.addAll(List.of("--slo", s)));
        if (legacyMergeSpec) analyze.add("--legacy-merge-spec");
        if (timings) analyze.add("--timings");
        List<String> report = new ArrayList<>(List.of("report", "--warehouse", warehouse.path(), "--out",
                out.toString()));
        if (date != null) report.addAll(List.of("--date", date));

        double ingested = step(ingest);
        double analyzed = step(analyze);
        double reported = step(report);
        PrintStream o = System.out;
        o.printf("reprocess: ingest %.1f s, analyze %.1f s, report %.1f s, %.1f s in all%n", ingested, analyzed,
                reported, ingested + analyzed + reported);
        return 0;
    }

    /** Runs a sibling command in this process; its seconds, or a one-line error with its exit code. */
    private double step(List<String> args) {
        long t0 = System.nanoTime();
        CommandLine root = spec.root().commandLine();
        int code = root.execute(args.toArray(String[]::new));
        if (code != 0) throw new UserFacingException("reprocess stopped: `bench " + args.get(0) + "` exited with " + code);
        return (System.nanoTime() - t0) / 1e9;
    }
}
