package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

/**
 * {@code decode_sweep}: metrics per output length with CIs, the leading engine per length by the rule of
 * {@link Winners#RULE}, and crossovers.
 */
public final class DecodeSweep {
    public static final List<String> METRICS = List.of("output_tps", "ttft_ms_p50", "tpot_ms_p50", "e2e_ms_p50");
    public static final String TIE = "tie";
    public static final String LEADER_RULE = "leader: the engine whose 95% CI is better than and does not overlap"
            + " every other engine's (|mean_a - mean_b| > ci95_a + ci95_b); else tie; null when an engine has n < 2;"
            + " crossover: the leader differs from the last leader at a shorter max_tokens";
    private static final List<String> KEYS = List.of("model_name", "engine_group", "config_hash", "max_tokens",
            "selection_policy");
    private static final String[] LENGTH = {"model_name", "config_hash", "max_tokens", "metric"};

    private DecodeSweep() {}

    public static Dataset<Row> compute(Dataset<Row> runSummary) {
        Dataset<Row> runs = runSummary.filter(col("scope").equalTo("run")
                .and(col("scenario").startsWith("decode_length_sweep")).and(RunIdentity.modelKnown()));
        Dataset<Row> stats = CellSummary.statsBy(CellSummary.longFormat(runs, KEYS, METRICS), KEYS)
                .select("model_name", "engine_group", "config_hash", "max_tokens", "metric", "n", "mean", "sd",
                        "ci95_halfwidth", "selection_policy");
        return withLeaders(stats);
    }

    /**
     * Adds leader (per model × config × max_tokens × metric: an engine, {@value #TIE}, or null for too few
     * iterations), crossover (a leader that differs from the last leader at a shorter length) and leader_rule.
     */
    public static Dataset<Row> withLeaders(Dataset<Row> stats) {
        Dataset<Row> a = stats.select(RunSummary.concat(RunSummary.cols(List.of(LENGTH)),
                col("engine_group").as("engine_a"), col("n").as("n_a"), col("mean").as("mean_a"),
                col("ci95_halfwidth").as("ci95_a"))).alias("a");
        Dataset<Row> b = stats.select(RunSummary.concat(RunSummary.cols(List.of(LENGTH)),
                col("engine_group").as("engine_b"), col("n").as("n_b"), col("mean").as("mean_b"),
                col("ci95_halfwidth").as("ci95_b"))).alias("b");
        Column on = col("engine_a").notEqual(col("engine_b"));
        for (String k : LENGTH) {
            on = on.and(col("a." + k).eqNullSafe(col("b." + k)));
        }
        Column[] keys = new Column[LENGTH.length];
        for (int i = 0; i < LENGTH.length; i++) {
            keys[i] = col("a." + LENGTH[i]).as(LENGTH[i]);
        }
        // an engine leads when it beats every other engine of the same length by the winners' CI rule
        Column enough = col("n_a").geq(2).and(col("n_b").geq(2));
        Column aBetter = when(CellSummary.higherIsBetter(col("a.metric")), col("mean_a").gt(col("mean_b")))
                .otherwise(col("mean_a").lt(col("mean_b")));
        Column beats = enough.and(aBetter).and(Winners.separated());
        Dataset<Row> perEngine = a.join(b, on).select(RunSummary.concat(keys, col("engine_a"), beats.as("beats"),
                        enough.as("enough")))
                .groupBy(RunSummary.concat(RunSummary.cols(List.of(LENGTH)), col("engine_a")))
                .agg(min("beats").as("leads"), min("enough").as("enough"));
        Dataset<Row> leaders = perEngine.groupBy(RunSummary.cols(List.of(LENGTH)))
                .agg(first(when(col("leads"), col("engine_a")), true).as("winner"), min("enough").as("enough"),
                        count(lit(1)).as("engines"))
                .withColumn("leader", when(col("winner").isNotNull(), col("winner"))
                        .when(col("enough"), lit(TIE)))
                .drop("winner", "enough", "engines");
        Column decided = when(col("leader").notEqual(TIE), col("leader"));
        Column previous = last(decided, true).over(Window.partitionBy("model_name", "config_hash", "metric")
                .orderBy("max_tokens").rowsBetween(Window.unboundedPreceding(), -1));
        Dataset<Row> crossovers = leaders.withColumn("crossover", decided.isNotNull().and(previous.isNotNull())
                .and(decided.notEqual(previous)));
        return RunSummary.joinNullSafe(stats, crossovers, List.of(LENGTH), "left")
                .withColumn("crossover", when(col("crossover"), true).otherwise(false))
                .withColumn("leader_rule", lit(LEADER_RULE));
    }
}
