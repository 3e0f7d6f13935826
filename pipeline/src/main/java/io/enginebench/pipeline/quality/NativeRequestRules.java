package io.enginebench.pipeline.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Iterator;
import scala.collection.Seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request-level checks of native runs, one aggregation over their {@code requests} rows. */
public final class NativeRequestRules {
    /** Actual prompt tokens further than this from the scenario's label make the label untrue. */
    static final double LABEL_TOLERANCE = 0.20;

    /**
     * The sum of an int array, null if an element is null. SQL's AGGREGATE with a lambda did the same at a quarter of
     * the speed of the whole ingest: the lambda is interpreted and looks up the session's settings per element.
     */
    private static final UserDefinedFunction SUM_INTS = functions.udf((UDF1<Seq<Integer>, Long>) values -> {
        if (values == null) return null;
        long sum = 0;
        Iterator<Integer> it = values.iterator();
        while (it.hasNext()) {
            Integer v = it.next();
            if (v == null) return null;
            sum += v;
        }
        return sum;
    }, DataTypes.LongType);

    private NativeRequestRules() {}

    /**
     * @param requests   conformed requests rows of native runs
     * @param labels     run_uid → the prompt tokens the scenario asked for (absent when it names none)
     * @param paths      run_uid → source path
     */
    public static List<Finding> check(Dataset<Row> requests, Map<String, Integer> labels, Map<String, String> paths) {
        requests.createOrReplaceTempView("ingest_native_requests");
        requests.sparkSession().udf().register("ingest_sum_ints", SUM_INTS);
        List<Row> rows = requests.sparkSession().sql("""
                SELECT run_uid, COUNT(*) AS n,
                       SUM(IF(NOT usage_reported, 1, 0)) AS no_usage,
                       SUM(IF(chunk_tokens_exact AND completion_tokens IS NOT NULL
                              AND completion_tokens <> ingest_sum_ints(chunk_tokens), 1, 0)) AS mismatch,
                       PERCENTILE(prompt_tokens, 0.5) AS median_prompt,
                       SUM(IF(outcome <> 'ok', 1, 0)) AS failed
                FROM ingest_native_requests WHERE phase = 'measured' GROUP BY run_uid ORDER BY run_uid
                """).collectAsList();
        List<Finding> out = new ArrayList<>();
        for (Row r : rows) {
            String uid = r.getString(0);
            String path = paths.get(uid);
            long n = r.getLong(1);
            long noUsage = r.getLong(2);
            long mismatch = r.getLong(3);
            if (noUsage > 0) {
                out.add(new Finding(uid, path, Rules.USAGE_NOT_REPORTED, Finding.WARNING, noUsage + " of " + n
                        + " requests had no usage from the server: completion_tokens is the content-chunk count"));
            }
            if (mismatch > 0) {
                out.add(new Finding(uid, path, Rules.USAGE_CHUNK_MISMATCH, Finding.WARNING, mismatch + " of " + n
                        + " requests: usage completion_tokens differs from the sum of exact per-chunk tokens"));
            }
            if (!r.isNullAt(5) && r.getLong(5) > 0) {
                out.add(new Finding(uid, path, Rules.FAILED_REQUESTS, Finding.WARNING,
                        r.getLong(5) + " of " + n + " measured requests did not end ok"));
            }
            Integer label = labels.get(uid);
            if (label != null && label > 0 && !r.isNullAt(4)) {
                double actual = r.getDouble(4);
                if (Math.abs(actual - label) > LABEL_TOLERANCE * label) {
                    out.add(new Finding(uid, path, Rules.PROMPT_TOKENS_OFF_LABEL, Finding.WARNING, String.format(
                            Locale.ROOT, "scenario asks for ~%d prompt tokens; the engine counted a median of %.0f",
                            label, actual)));
                }
            }
        }
        return out;
    }
}
