package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.analysis.AnalysisOptions;
import io.enginebench.pipeline.analysis.Analyses;
import io.enginebench.pipeline.analysis.EnginePolicy;
import io.enginebench.pipeline.analysis.WarehouseInputs;
import io.enginebench.pipeline.warehouse.Warehouse;
import io.enginebench.trace.UserFacingException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    @picocli.CommandLine.Mixin
    WarehouseOption warehouse;

    @Option(names = "--slo", paramLabel = "TTFT_MS:TPOT_MS[:E2E_MS]",
            description = "goodput SLO, repeatable (default 200:50)")
    List<String> slos = new ArrayList<>();

    @Option(names = "--legacy-merge-spec",
            description = "merge speculative-decoding variants into their base engine (the older harness's view)")
    boolean legacyMergeSpec;

    @Override
    public Integer call() {
        AnalysisOptions options = new AnalysisOptions(slos.stream().map(Slo::parse).toList(),
                legacyMergeSpec ? EnginePolicy.LEGACY_MERGE_SPEC : EnginePolicy.SPEC_SEPARATE);
        long start = System.nanoTime();
        SparkSession spark = Sessions.getOrCreate("bench analyze");
        Warehouse wh = Warehouse.open(spark, warehouse.path());
        if (wh.currentSnapshot().isEmpty()) {
            throw new UserFacingException("no warehouse at " + warehouse.path() + " (run bench ingest first)");
        }
        Map<String, Dataset<Row>> tables = Analyses.computeAll(WarehouseInputs.of(wh), options);
        writeDerived(wh, tables);
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach((name, df) -> counts.put(name, df.count()));
        counts.forEach((name, n) -> System.out.printf("  %-22s %,d rows%n", name, n));
        System.out.printf("analyze: %d tables (%s) in %.1f s%n", tables.size(),
                options.enginePolicy().label(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static void writeDerived(Warehouse wh, Map<String, Dataset<Row>> tables) {
        try {
            wh.writeDerived(tables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
