package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import static io.enginebench.pipeline.warehouse.WarehouseTable.*;
import static org.apache.spark.sql.functions.col;

/**
 * Every derived table of {@link io.enginebench.pipeline.warehouse.WarehouseTable} (docs/DERIVED_TABLES.md), by
 * name, from the base tables. The intermediates they share are
 * computed here; the tables themselves run when written.
 */
public final class Analyses {
    private Analyses() {}

    public static Map<String, Dataset<Row>> computeAll(AnalysisInputs in, AnalysisOptions options) {
        return computeAll(in, options, (name, seconds) -> { });
    }

    /**
     * As {@link #computeAll(AnalysisInputs, AnalysisOptions)}; the intermediates every table builds on are computed
     * here, and {@code timings} hears the seconds each took.
     */
    public static Map<String, Dataset<Row>> computeAll(AnalysisInputs in, AnalysisOptions options,
            BiConsumer<String, Double> timings) {
        EnginePolicy policy = options.enginePolicy();
        Materializer m = new Materializer(timings);
        // Requests are scanned once into these small materialized frames; every derived table builds on them.
        Dataset<Row> runs = m.of("runs", () -> RunIdentity.withMaxTokens(in.runs()));
        Dataset<Row> measured = m.of("measured", () -> RequestMetrics.measured(in.requests()));
        Dataset<Row> itlByScope = m.of("itl_by_scope", () -> ChunkGaps.byScope(in.requests()));
        Dataset<Row> identity = m.of("identity", () -> RunIdentity.of(runs, policy));
        Dataset<Row> runSummary = m.of("run_summary", () -> RunSummary.compute(measured, itlByScope, identity));
        // runs the engine died under stay in run_summary, but compare with nothing (rules run_aborted, engine_outage)
        Dataset<Row> comparable = EngineDownRuns.without(runSummary, in.dataQuality());
        Dataset<Row> cells = m.of("cells", () -> CellSummary.cellSummary(comparable));

        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(RUN_SUMMARY.tableName(), runSummary);
        out.put(CELL_SUMMARY.tableName(), cells);
        out.put(VARIANCE.tableName(), CellSummary.variance(cells));
        Dataset<Row> tpotValues = measured.filter(col("tpot_ms").isNotNull());
        Dataset<Row> tpotByScope = m.of("tpot_by_scope", () -> Distributions.byScope(tpotValues, "tpot_ms"));
        out.put(TPOT.tableName(), Distributions.withIdentity(tpotByScope, identity));
        out.put(TPOT_HIST.tableName(), Distributions.histogramFromScopes(tpotValues, "tpot_ms", identity, tpotByScope));
        Dataset<Row> itl = Distributions.withIdentity(itlByScope.drop("hist"), identity);
        out.put(ITL.tableName(), itl.withColumn("per_token_p50", col("per_token").getItem(0))
                .withColumn("per_token_p99", col("per_token").getItem(1)).drop("per_token"));
        out.put(ITL_HIST.tableName(),
                Distributions.histogramFromCounts(ChunkGaps.histogramCounts(itlByScope), identity));
        out.put(GOODPUT.tableName(), Goodput.compute(measured, runSummary, options.slos()));
        out.put(CONCURRENCY_LEVELS.tableName(), ConcurrencyLevels.compute(comparable));
        out.put(DECODE_SWEEP.tableName(), DecodeSweep.compute(runSummary));
        // spec variants are the subject here, so they stay apart whatever the policy
        Dataset<Row> separate = policy == EnginePolicy.SPEC_SEPARATE ? runSummary
                : RunSummary.compute(measured, itlByScope, RunIdentity.of(runs, EnginePolicy.SPEC_SEPARATE));
        out.put(SPEC_DECODING.tableName(), SpecDecoding.compute(separate, measured, in.engineMetrics()));
        out.put(PREFIX_CACHE.tableName(), TwoArmRuns.prefixCache(runSummary, in.engineMetrics()));
        out.put(STRUCTURED.tableName(), TwoArmRuns.structured(runSummary));
        out.put(CROSS_MODEL.tableName(), Summaries.crossModel(comparable));
        Dataset<Row> sloSearch = SloSearchAnswers.compute(runs, identity);
        out.put(SLO_SEARCH.tableName(), sloSearch);
        out.put(WINNERS.tableName(), Winners.compute(cells.unionByName(SloSearchAnswers.asCells(sloSearch), true)));
        out.put(DATA_QUALITY_SUMMARY.tableName(), Summaries.dataQuality(in.dataQuality(), in.runs()));

        Dataset<Row> legacyRequests = m.of("legacy_requests", () -> LegacyTables.requests(in.requests(), runs, policy));
        Dataset<Row> fileMetrics = m.of("legacy_file_metrics", () -> LegacyTables.fileMetrics(legacyRequests, runs));
        out.put(LEGACY_FILE_METRICS.tableName(), fileMetrics);
        out.put(LEGACY_TPOT.tableName(), LegacyTables.tpot(legacyRequests));
        out.put(LEGACY_GOODPUT.tableName(), LegacyTables.goodput(legacyRequests, options.slos()));
        out.put(LEGACY_VARIANCE.tableName(), LegacyTables.variance(legacyRequests, fileMetrics));
        out.put(LEGACY_DECODE_SWEEP.tableName(), LegacyTables.decodeSweep(legacyRequests, fileMetrics));
        return out;
    }

    /**
     * Computes an intermediate once and cuts its lineage: later plans start from the stored result instead of the
     * whole plan behind it, which Spark's analyzer would otherwise walk again for every column of every table (that
     * took longer than computing on the legacy corpus). Local checkpoints live in the executors' block stores; with
     * a checkpoint directory set (clusters, see deploy/spark/README.md) they are written there instead.
     */
    private record Materializer(BiConsumer<String, Double> timings) {
        Dataset<Row> of(String name, Supplier<Dataset<Row>> plan) {
            long t0 = System.nanoTime();
            Dataset<Row> df = plan.get();   // timed too: building a plan can run jobs (ChunkGaps, adaptive planning)
            boolean reliable = df.sparkSession().sparkContext().getCheckpointDir().isDefined();
            Dataset<Row> out = reliable ? df.checkpoint() : df.localCheckpoint();
            timings.accept(name, (System.nanoTime() - t0) / 1e9);
            return out;
        }
    }
}
