package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Every derived table of docs/DERIVED_TABLES.md, by name, from the base tables. Lazy: nothing runs until written. */
public final class Analyses {
    private Analyses() {}

    public static Map<String, Dataset<Row>> computeAll(AnalysisInputs in, AnalysisOptions options) {
        EnginePolicy policy = options.enginePolicy();
        // Requests are scanned once into these small cached frames; every derived table builds on them.
        Dataset<Row> runs = RunIdentity.withMaxTokens(in.runs()).cache();
        Dataset<Row> measured = RequestMetrics.measured(in.requests()).cache();
        Dataset<Row> gaps = RequestMetrics.gaps(in.requests());
        Dataset<Row> itlByScope = Distributions.byScope(gaps, "itl_ms",
                new Distributions.ExtraPercentiles("itl_per_token_ms", "per_token", 0.5, 0.99)).cache();
        Dataset<Row> identity = RunIdentity.of(runs, policy).cache();
        Dataset<Row> runSummary = RunSummary.compute(measured, itlByScope, identity).cache();
        Dataset<Row> cells = CellSummary.cellSummary(runSummary).cache();

        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        out.put("run_summary", runSummary);
        out.put("cell_summary", cells);
        out.put("variance", CellSummary.variance(cells));
        Dataset<Row> tpotValues = measured.filter(col("tpot_ms").isNotNull());
        Dataset<Row> tpotByScope = Distributions.byScope(tpotValues, "tpot_ms").cache();
        out.put("tpot", Distributions.withIdentity(tpotByScope, identity));
        out.put("tpot_hist", Distributions.histogramFromScopes(tpotValues, "tpot_ms", identity, tpotByScope));
        Dataset<Row> itl = Distributions.withIdentity(itlByScope, identity);
        out.put("itl", itl.withColumn("per_token_p50", col("per_token").getItem(0))
                .withColumn("per_token_p99", col("per_token").getItem(1)).drop("per_token"));
        out.put("itl_hist", Distributions.histogramFromScopes(gaps, "itl_ms", identity, itlByScope));
        out.put("goodput", Goodput.compute(measured, runSummary, options.slos()));
        out.put("concurrency_levels", ConcurrencyLevels.compute(runSummary));
        out.put("decode_sweep", DecodeSweep.compute(runSummary));
        // spec variants are the subject here, so they stay apart whatever the policy
        Dataset<Row> separate = policy == EnginePolicy.SPEC_SEPARATE ? runSummary
                : RunSummary.compute(measured, itlByScope, RunIdentity.of(runs, EnginePolicy.SPEC_SEPARATE));
        out.put("spec_decoding", SpecDecoding.compute(separate, measured, in.engineMetrics()));
        out.put("prefix_cache", TwoArmRuns.prefixCache(runSummary, in.engineMetrics()));
        out.put("structured", TwoArmRuns.structured(runSummary));
        out.put("cross_model", Summaries.crossModel(runSummary));
        out.put("winners", Winners.compute(cells));
        out.put("data_quality_summary", Summaries.dataQuality(in.dataQuality(), in.runs()));

        Dataset<Row> legacyRequests = LegacyTables.requests(in.requests(), runs, policy).cache();
        Dataset<Row> fileMetrics = LegacyTables.fileMetrics(legacyRequests, runs).cache();
        out.put("legacy_file_metrics", fileMetrics);
        out.put("legacy_tpot", LegacyTables.tpot(legacyRequests));
        out.put("legacy_goodput", LegacyTables.goodput(legacyRequests, options.slos()));
        out.put("legacy_variance", LegacyTables.variance(legacyRequests, fileMetrics));
        out.put("legacy_decode_sweep", LegacyTables.decodeSweep(legacyRequests, fileMetrics));
        return out;
    }
}
