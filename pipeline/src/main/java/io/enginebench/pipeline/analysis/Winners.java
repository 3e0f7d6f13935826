package io.enginebench.pipeline.analysis;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * {@code winners}: CI-aware engine comparisons per comparable cell and metric ({@code cell_summary} rows, plus the
 * SLO searches' sustainable rates).
 */
public final class Winners {
    public static final String RULE = "winner only if the 95% CIs do not overlap (|mean_a - mean_b| > ci95_a + ci95_b);"
            + " else tie; n < 2 on either side: insufficient_data";
    /** Both sides of a comparison ran the same configuration at the same load (level, concurrency, rate, arm). */
    private static final String[] CELL = {"model_name", "scenario", "config_hash", "max_tokens", "scope",
            "level_index", "concurrency", "target_rate", "arm", "latency_basis", "metric", "selection_policy"};
    /** The keys on which two sides' cells pair up (CELL), for other comparisons that apply the same rule. */
    public static final List<String> PAIR_KEYS = List.of(CELL);

    private Winners() {}

    public static Dataset<Row> compute(Dataset<Row> cellSummary) {
        Dataset<Row> a = side(cellSummary, "a");
        Dataset<Row> b = side(cellSummary, "b");
        Column on = col("engine_a").lt(col("engine_b"));
        for (String k : CELL) {
            on = on.and(col("a." + k).eqNullSafe(col("b." + k)));
        }
        Column higher = CellSummary.higherIsBetter(col("metric"));
        Column verdict = verdict(higher);
        Column[] keys = new Column[CELL.length];
        for (int i = 0; i < CELL.length; i++) {
            keys[i] = col("a." + CELL[i]).as(CELL[i]);
        }
        return a.join(b, on)
                .select(RunSummary.concat(keys, col("engine_a"), col("n_a"), col("mean_a"), col("ci95_a"),
                        col("engine_b"), col("n_b"), col("mean_b"), col("ci95_b")))
                .withColumn("direction", when(higher, lit("higher_is_better")).otherwise(lit("lower_is_better")))
                .withColumn("verdict", verdict)
                .withColumn("winner", when(col("verdict").equalTo("a"), col("engine_a"))
                        .when(col("verdict").equalTo("b"), col("engine_b"))
                        .when(col("verdict").equalTo("tie"), lit("tie")))
                .withColumn("rule", lit(RULE));
    }

    /**
     * The verdict of {@link #RULE} on columns n_a, mean_a, ci95_a, n_b, mean_b, ci95_b: {@code a}, {@code b},
     * {@code tie} or {@code insufficient_data}; every comparison of two sides uses this one rule.
     */
    public static Column verdict(Column higherIsBetter) {
        Column aBetter = when(higherIsBetter, col("mean_a").gt(col("mean_b")))
                .otherwise(col("mean_a").lt(col("mean_b")));
        Column separated = separated();
        return when(col("n_a").lt(2).or(col("n_b").lt(2)), lit("insufficient_data"))
                .when(separated.and(aBetter), lit("a"))
                .when(separated, lit("b"))
                .otherwise(lit("tie"));
    }

    /** The CI rule on columns mean_a, ci95_a, mean_b, ci95_b: the 95% intervals do not overlap. */
    static Column separated() {
        return abs(col("mean_a").minus(col("mean_b"))).gt(col("ci95_a").plus(col("ci95_b")));
    }

    private static Dataset<Row> side(Dataset<Row> cells, String s) {
        Column[] c = new Column[CELL.length];
        for (int i = 0; i < CELL.length; i++) {
            c[i] = col(CELL[i]);
        }
        return cells.select(RunSummary.concat(c, col("engine_group").as("engine_" + s), col("n").as("n_" + s),
                col("mean").as("mean_" + s), col("ci95_halfwidth").as("ci95_" + s))).alias(s);
    }
}
