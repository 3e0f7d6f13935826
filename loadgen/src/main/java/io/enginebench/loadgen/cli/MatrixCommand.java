package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.matrix.MatrixConfig;
import io.enginebench.loadgen.matrix.MatrixManifest;
import io.enginebench.loadgen.matrix.MatrixRunner;
import io.enginebench.loadgen.matrix.ScenarioCellRunner;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.ShutdownGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Run models × engine profiles × scenarios × iterations unattended: one engine at a time "
                + "(start, health wait, cells, stop, cooldown).",
                "Cells with a complete run folder are skipped with --resume; state is kept in <output>/matrix-<id>.json."})
public final class MatrixCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "matrix YAML (see deploy/matrix.example.yaml)")
    Path config;

    @Option(names = "--dry-run", description = "print the plan and what would be skipped; start nothing")
    boolean dryRun;

    @Option(names = "--resume", description = "continue a matrix that already has completed cells")
    boolean resume;

    @Option(names = "--output", description = "run folders and matrix manifest (default: the config's output, else raw-results/)")
    Path output;

    @Option(names = "--verbose", description = "show each run's progress and summary")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        MatrixConfig c = MatrixConfig.load(config);
        Path out = output != null ? output : Path.of(c.output());
        PrintWriter console = new PrintWriter(System.out, true);
        LoadControl control = LoadControl.standard();
        MatrixRunner.Summary s;
        try (ShutdownGuard guard = new ShutdownGuard(control)) {
            ScenarioCellRunner cells = new ScenarioCellRunner(new HttpEngineConnector(), PromptPacks.defaults(),
                    control, !verbose, System.out);
            s = new MatrixRunner(c, out, cells, console).run(resume, dryRun);
        }
        console.printf("matrix %s: %d cells, %d ran, %d skipped (already complete), %d failed; state in %s%n",
                c.matrixId(), s.total(), s.ran(), s.skipped(), s.failed(), MatrixManifest.path(out, c.matrixId()));
        return s.failed() == 0 ? 0 : 1;
    }
}
