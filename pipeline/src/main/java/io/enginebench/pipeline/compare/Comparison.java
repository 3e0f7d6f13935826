package io.enginebench.pipeline.compare;

import io.enginebench.pipeline.analysis.CellSummary;
import io.enginebench.pipeline.analysis.ChunkGaps;
import io.enginebench.pipeline.analysis.EnginePolicy;
import io.enginebench.pipeline.analysis.RequestMetrics;
import io.enginebench.pipeline.analysis.RunIdentity;
import io.enginebench.pipeline.analysis.RunSummary;
import io.enginebench.pipeline.analysis.Winners;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import io.enginebench.trace.UserFacingException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

/**
 * Baseline against candidate over the warehouse: each side's runs (a {@link RunSelector} on {@code runs}) get their
 * {@code run_summary} rows computed as {@code bench analyze} computes them (from the base tables, for these runs only,
 * so no derived table needs to be current), then cell statistics the way {@code cell_summary} has them (one value per
 * run, mean, 95% CI), and cells that agree on every key of {@code winners} are judged by the same CI rule
 * ({@link Winners#verdict}). Reads the views {@code runs} and {@code requests}; {@code bench compare} and the
 * dashboard both call this.
 */
public final class Comparison {
    private static final String SIDE = "side";

    private final List<Verdict> verdicts;
    private final long baselineRuns;
    private final long candidateRuns;

    private Comparison(List<Verdict> verdicts, long baselineRuns, long candidateRuns) {
        this.verdicts = verdicts;
        this.baselineRuns = baselineRuns;
        this.candidateRuns = candidateRuns;
    }

    /** Compares over the session's warehouse views (see {@code PipelineSteps#compare}, which registers them). */
    public static Comparison of(SparkSession spark, RunSelector baseline, RunSelector candidate) {
        Dataset<Row> runs = spark.table(WarehouseTable.RUNS.tableName());
        List<String> b = select(runs, baseline, "--baseline");
        List<String> c = select(runs, candidate, "--candidate");
        List<String> both = b.stream().filter(new HashSet<>(c)::contains).toList();
        if (!both.isEmpty()) {
            throw new UserFacingException(both.size() + " run(s) match both --baseline and --candidate (e.g. "
                    + both.get(0) + "): the sides must not share runs");
        }
        List<Row> sideRows = new ArrayList<>();
        b.forEach(id -> sideRows.add(RowFactory.create(id, Verdict.BASELINE)));
        c.forEach(id -> sideRows.add(RowFactory.create(id, Verdict.CANDIDATE)));
        Dataset<Row> sides = spark.createDataFrame(sideRows, SIDES);
        Object[] ids = Stream.concat(b.stream(), c.stream()).toArray();
        // a filter, not a join: the requests keep the order ChunkGaps relies on to find each run in one task
        Dataset<Row> requests = spark.table("requests").filter(col("run_uid").isin(ids));
        Dataset<Row> identity = RunIdentity.of(RunIdentity.withMaxTokens(runs.filter(col("run_uid").isin(ids))),
                EnginePolicy.SPEC_SEPARATE).join(sides, "run_uid");
        Dataset<Row> summary = RunSummary.compute(materialized(RequestMetrics.measured(requests)),
                materialized(ChunkGaps.byScope(requests)), identity);
        return fromRunSummary(materialized(summary), b.size(), c.size());
    }

    /**
     * Computed once, lineage cut, as bench analyze does with its intermediates: run_summary reads each of them once
     * per scope, and the cell statistics read run_summary once per metric family.
     */
    private static Dataset<Row> materialized(Dataset<Row> df) {
        boolean reliable = df.sparkSession().sparkContext().getCheckpointDir().isDefined();
        return reliable ? df.checkpoint() : df.localCheckpoint();
    }

    /** Verdicts from {@code run_summary} rows that carry a column {@code side} (baseline or candidate). */
    static Comparison fromRunSummary(Dataset<Row> summary, long baselineRuns, long candidateRuns) {
        List<String> keys = CellSummary.CELL_KEYS.stream().map(k -> k.equals("engine_group") ? SIDE : k).toList();
        Dataset<Row> cells = CellSummary.statsBy(CellSummary.comparableValues(summary, keys), keys);
        List<Verdict> out = new ArrayList<>();
        for (Row r : pair(cells).collectAsList()) out.add(verdict(r));
        return new Comparison(withoutRepeats(out), baselineRuns, candidateRuns);
    }

    /** The verdicts, in the order of the cell keys and metric. */
    public List<Verdict> verdicts() { return verdicts; }

    public long baselineRuns() { return baselineRuns; }

    public long candidateRuns() { return candidateRuns; }

    private static final StructType SIDES = StructType.fromDDL("run_uid string, side string");

    /** The run_uids a selector picks, sorted. */
    private static List<String> select(Dataset<Row> runs, RunSelector s, String option) {
        try {
            return runs.filter(expr(s.predicate())).select("run_uid").distinct().orderBy("run_uid")
                    .collectAsList().stream().map(r -> r.getString(0)).toList();
        } catch (Exception e) {
            // Spark reports a bad predicate as an AnalysisException (parse errors included), unchecked in Scala
            if (!(e instanceof AnalysisException)) throw e;
            throw new UserFacingException(option + ": not a valid selector on runs ('" + s.text() + "'): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /**
     * Runs of a single level have a {@code level} row that repeats their {@code run} row number for number; as in
     * the report's headline such runs are compared on the whole run, so the repeat is left out (levels of ramps and
     * rate sweeps stay: their run rows carry only the whole-run figures).
     */
    static List<Verdict> withoutRepeats(List<Verdict> verdicts) {
        Set<List<Object>> whole = new HashSet<>();
        for (Verdict v : verdicts) if ("run".equals(v.scope())) whole.add(repeatKey(v));
        return verdicts.stream().filter(v -> !("level".equals(v.scope()) && whole.contains(repeatKey(v)))).toList();
    }

    private static List<Object> repeatKey(Verdict v) {
        return Arrays.asList(v.modelName(), v.scenario(), v.configHash(), v.maxTokens(), v.concurrency(),
                v.targetRate(), v.arm(), v.latencyBasis(), v.metric(), v.nBaseline(), v.meanBaseline(),
                v.ci95Baseline(), v.nCandidate(), v.meanCandidate(), v.ci95Candidate());
    }

    /** Baseline cells as side a, candidate cells as side b, joined on the winners' keys, with the verdict. */
    private static Dataset<Row> pair(Dataset<Row> cells) {
        Dataset<Row> a = side(cells, Verdict.BASELINE, "a");
        Dataset<Row> b = side(cells, Verdict.CANDIDATE, "b");
        Column on = lit(true);
        Column[] keys = new Column[Winners.PAIR_KEYS.size()];
        for (int i = 0; i < keys.length; i++) {
            String k = Winners.PAIR_KEYS.get(i);
            on = on.and(col("a." + k).eqNullSafe(col("b." + k)));
            keys[i] = col("a." + k).as(k);
        }
        Column[] sel = Arrays.copyOf(keys, keys.length + 6);
        String[] stats = {"n_a", "mean_a", "ci95_a", "n_b", "mean_b", "ci95_b"};
        for (int i = 0; i < stats.length; i++) sel[keys.length + i] = col(stats[i]);
        Column higher = CellSummary.higherIsBetter(col("metric"));
        return a.join(b, on).select(sel)
                .withColumn("higher_is_better", higher)
                .withColumn("verdict", Winners.verdict(higher))
                .orderBy(Winners.PAIR_KEYS.stream().map(k -> col(k).asc_nulls_first()).toArray(Column[]::new));
    }

    private static Dataset<Row> side(Dataset<Row> cells, String side, String s) {
        List<Column> c = new ArrayList<>();
        for (String k : Winners.PAIR_KEYS) c.add(col(k));
        c.add(col("n").as("n_" + s));
        c.add(col("mean").as("mean_" + s));
        c.add(col("ci95_halfwidth").as("ci95_" + s));
        return cells.filter(col(SIDE).equalTo(side)).select(c.toArray(Column[]::new)).alias(s);
    }

    private static Verdict verdict(Row r) {
        String v = r.getAs("verdict");
        String named = switch (v) {
            case "a" -> Verdict.BASELINE;
            case "b" -> Verdict.CANDIDATE;
            default -> v;
        };
        return new Verdict(r.getAs("model_name"), r.getAs("scenario"), r.getAs("config_hash"),
                toInt(r.getAs("max_tokens")), r.getAs("scope"), toInt(r.getAs("level_index")),
                toInt(r.getAs("concurrency")), toDouble(r.getAs("target_rate")), r.getAs("arm"),
                r.getAs("latency_basis"), r.getAs("metric"), r.<Boolean>getAs("higher_is_better"),
                ((Number) r.getAs("n_a")).longValue(), toDouble(r.getAs("mean_a")), toDouble(r.getAs("ci95_a")),
                ((Number) r.getAs("n_b")).longValue(), toDouble(r.getAs("mean_b")), toDouble(r.getAs("ci95_b")),
                named);
    }

    private static Integer toInt(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static Double toDouble(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }
}
