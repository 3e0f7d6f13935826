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

    @Option(names = "--timings", description = "print the seconds each derived table took (computing and writing)")
    boolean timings;

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
        double opened = (System.nanoTime() - start) / 1e9;
        Map<String, Double> intermediates = new LinkedHashMap<>();
        Map<String, Dataset<Row>> tables = Analyses.computeAll(WarehouseInputs.of(wh), options, intermediates::put);
        double planned = (System.nanoTime() - start) / 1e9;
        Map<String, Warehouse.DerivedWrite> written = writeDerived(wh, tables);
        if (timings) {
            System.out.printf("  %-22s %6.2f s%n  %-22s %6.2f s (intermediates below)%n",
                    "(session + open)", opened, "(plan + intermediates)", planned - opened);
            intermediates.forEach((name, s) -> System.out.printf("    %-20s %6.2f s%n", name, s));
            System.out.printf("  %-22s %6.2f s (per table below)%n", "(tables)", (System.nanoTime() - start) / 1e9 - planned);
        }
        // listed in the analyses' order; tables are computed a few at a time, so their seconds overlap
        for (String name : tables.keySet()) {
            Warehouse.DerivedWrite w = written.get(name);
            if (timings) {
                System.out.printf("  %-22s %,d rows  %6.2f s%n", name, w.rows(), w.seconds());
            } else {
                System.out.printf("  %-22s %,d rows%n", name, w.rows());
            }
        }
        System.out.printf("analyze: %d tables (%s) in %.1f s%n", tables.size(),
                options.enginePolicy().label(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static Map<String, Warehouse.DerivedWrite> writeDerived(Warehouse wh, Map<String, Dataset<Row>> tables) {
        try {
            return wh.writeDerived(tables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
