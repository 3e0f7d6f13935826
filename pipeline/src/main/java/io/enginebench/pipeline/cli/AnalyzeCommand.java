package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.analysis.AnalysisWarehouse;
import io.enginebench.pipeline.analysis.Analyses;
import io.enginebench.pipeline.analysis.EnginePolicy;
import io.enginebench.pipeline.analysis.SnapshotFiles;
import io.enginebench.pipeline.analysis.Slo;
import io.enginebench.pipeline.spark.Sessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench analyze}: computes every derived table of docs/DERIVED_TABLES.md and writes them to the warehouse. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Compute the derived analysis tables (summaries, CIs, goodput, winners, legacy views).")
public final class AnalyzeCommand implements Callable<Integer> {
    @Option(names = "--warehouse", defaultValue = "warehouse", description = "warehouse directory (default: ${DEFAULT-VALUE})")
    String warehouse;

    @Option(names = "--slo", paramLabel = "TTFT_MS:TPOT_MS[:E2E_MS]",
            description = "goodput SLO, repeatable (default 200:50)")
    List<String> slos = new ArrayList<>();

    @Option(names = "--legacy-merge-spec",
            description = "merge speculative-decoding variants into their base engine (the older harness's view)")
    boolean legacyMergeSpec;

    private final AnalysisWarehouse store;

    public AnalyzeCommand() {
        this(new SnapshotFiles());
    }

    public AnalyzeCommand(AnalysisWarehouse store) {
        this.store = store;
    }

    @Override
    public Integer call() {
        AnalysisOptions options = new AnalysisOptions(slos.stream().map(Slo::parse).toList(),
                legacyMergeSpec ? EnginePolicy.LEGACY_MERGE_SPEC : EnginePolicy.SPEC_SEPARATE);
        long start = System.nanoTime();
        SparkSession spark = Sessions.getOrCreate("bench analyze");
        AnalysisWarehouse.Connection wh = store.open(spark, warehouse);
        Map<String, Dataset<Row>> tables = Analyses.computeAll(wh, options);
        wh.write(tables);
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach((name, df) -> counts.put(name, df.count()));
        counts.forEach((name, n) -> System.out.printf("  %-22s %,d rows%n", name, n));
        System.out.printf("analyze: %d tables (%s) in %.1f s%n", tables.size(),
                options.enginePolicy().label(), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
