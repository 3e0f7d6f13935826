package io.enginebench.pipeline.quality;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Checks of native runs that their labels held: the concurrency or arrival rate a level is labelled with, the room a
 * structured request had for its schema, the {@code ignore_eos} a request asked for. Computed from the measured
 * requests; level and arm findings carry their {@link FindingScope}.
 */
public final class LabelRules {
    /** A closed-loop level whose mean requests in flight is below this share of its label ran lighter than labelled. */
    public static final double MIN_CONCURRENCY_SHARE = 0.90;
    /** An open-loop level whose arrival rate is further than this from its target ran at another load. */
    public static final double RATE_TOLERANCE = 0.10;

    private LabelRules() {}

    /**
     * @param requests conformed requests rows of native runs
     * @param paths    run_uid → source path
     */
    public static List<Finding> check(Dataset<Row> requests, Map<String, String> paths) {
        Dataset<Row> measured = requests.filter(col("phase").equalTo("measured"));
        List<Finding> out = new ArrayList<>();
        levels(measured, paths, out);
        structured(measured, paths, out);
        ignoreEos(measured, paths, out);
        return out;
    }

    private static void levels(Dataset<Row> m, Map<String, String> paths, List<Finding> out) {
        List<Row> rows = m.groupBy("run_uid", "level_index").agg(
                        when(min("concurrency").equalTo(max("concurrency")), min("concurrency")).as("concurrency"),
                        when(min("target_rate").equalTo(max("target_rate")), min("target_rate")).as("target_rate"),
                        count(lit(1)).as("n"), AchievedLoad.concurrency().as("achieved_concurrency"),
                        AchievedLoad.rate().as("achieved_rate"))
                .orderBy("run_uid", "level_index").collectAsList();
        for (Row r : rows) {
            String uid = r.getString(0);
            Integer level = r.isNullAt(1) ? null : r.getInt(1);
            Integer label = r.isNullAt(2) ? null : r.getInt(2);
            Double target = r.isNullAt(3) ? null : r.getDouble(3);
            long n = r.getLong(4);
            Double achieved = r.isNullAt(5) ? null : r.getDouble(5);
            Double rate = r.isNullAt(6) ? null : r.getDouble(6);
            FindingScope scope = new FindingScope(level, label, target, null);
            if (target == null && label != null && label > 0) {
                boolean tooFew = n < label;
                if (tooFew || achieved == null || achieved < MIN_CONCURRENCY_SHARE * label) {
                    out.add(new Finding(uid, paths.get(uid), Rules.CONCURRENCY_BELOW_LABEL, Finding.WARNING,
                            String.format(Locale.ROOT, "run %s level %s labelled concurrency %d: achieved %s "
                                    + "requests in flight (%s of the label) over %d measured requests%s", uid, level,
                                    label, fmt(achieved), share(achieved, label), n,
                                    tooFew ? ", fewer than the label" : ""), scope));
                }
            } else if (target != null && target > 0 && n >= 2 && rate != null
                    && Math.abs(rate - target) > RATE_TOLERANCE * target) {
                out.add(new Finding(uid, paths.get(uid), Rules.RATE_OFF_TARGET, Finding.WARNING,
                        String.format(Locale.ROOT, "run %s level %s target rate %s req/s: achieved %s req/s "
                                + "(%+.0f %%) over %d measured requests", uid, level, FindingScope.number(target),
                                fmt(rate), (rate / target - 1) * 100, n), scope));
            }
        }
    }

    private static void structured(Dataset<Row> m, Map<String, String> paths, List<Finding> out) {
        List<Row> rows = m.filter(col("structured_mode").notEqual("none").and(col("outcome").equalTo("ok")))
                .groupBy("run_uid", "arm")
                .agg(count(lit(1)).as("n"), sum(when(col("finish_reason").equalTo("length"), 1).otherwise(0)))
                .orderBy("run_uid", "arm").collectAsList();
        for (Row r : rows) {
            long n = r.getLong(2);
            long cut = r.getLong(3);
            if (cut == 0) continue;
            String uid = r.getString(0);
            FindingScope scope = r.isNullAt(1) ? FindingScope.RUN : FindingScope.arm(r.getString(1));
            out.add(new Finding(uid, paths.get(uid), Rules.STRUCTURED_TRUNCATED, Finding.WARNING,
                    String.format(Locale.ROOT, "%d of %d structured responses (%.1f %%) were cut by max_tokens "
                            + "(finish_reason length): their validity says nothing about the engine", cut, n,
                            100.0 * cut / n), scope));
        }
    }

    private static void ignoreEos(Dataset<Row> m, Map<String, String> paths, List<Finding> out) {
        Column shortened = col("completion_tokens").lt(col("max_tokens"));
        List<Row> rows = m.filter(col("ignore_eos").and(col("outcome").equalTo("ok")))
                .groupBy("run_uid")
                .agg(count(lit(1)).as("n"), sum(when(shortened, 1).otherwise(0)), min("completion_tokens"),
                        max("max_tokens"))
                .orderBy("run_uid").collectAsList();
        for (Row r : rows) {
            long n = r.getLong(1);
            long early = r.getLong(2);
            if (early == 0) continue;
            String uid = r.getString(0);
            out.add(new Finding(uid, paths.get(uid), Rules.IGNORE_EOS_NOT_HONOURED, Finding.WARNING, String.format(
                    Locale.ROOT, "%d of %d ok requests sent with ignore_eos stopped before max_tokens (fewest "
                            + "completion tokens %s, max_tokens up to %s): the engine did not honour ignore_eos",
                    early, n, r.get(3), r.get(4))));
        }
    }

    private static String fmt(Double v) {
        return v == null ? "unknown" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String share(Double achieved, int label) {
        return achieved == null ? "unknown" : String.format(Locale.ROOT, "%.0f %%", 100 * achieved / label);
    }
}
