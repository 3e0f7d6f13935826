package io.enginebench.pipeline.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Inter-chunk gaps (ITL) of ok measured requests, per run, level and arm: n, mean, sd, min, max, the type 7
 * percentiles p50/p90/p95/p99 of {@code itl_ms} and p50/p99 of {@code itl_per_token_ms} — the values METRICS.md
 * defines over the {@code chunks} view, equal to Spark's {@code percentile()} over it — and each run's histogram.
 *
 * <p>A native run has hundreds of gaps per request: making a Spark row of each and sorting them cost minutes at
 * 100,000 requests. Here the requests are shuffled by run (a task holds whole runs), each run's gaps are read from
 * the chunk arrays into a primitive array (12 bytes per gap with its token count) and sorted there. A run's gaps
 * must fit in a task's memory: 300 MB for a 100,000-request run of 256-chunk responses.
 */
public final class ChunkGaps {
    /** Chunk gaps are counted into this many equal-width bins between each run's min and p99. */
    public static final int BINS = Distributions.BINS;
    private static final double NS_PER_MS = 1e6;
    private static final double[] PS = {0.5, 0.9, 0.95, 0.99};
    private static final double[] PER_TOKEN_PS = {0.5, 0.99};
    private static final int MAX_PARTITIONS = 2000;

    /** One row per scope; {@code hist} (bin counts) only on run rows, the other scopes' keys null where unused. */
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("run_uid", DataTypes.StringType, false),
            DataTypes.createStructField("n", DataTypes.LongType, false),
            DataTypes.createStructField("mean", DataTypes.DoubleType, true),
            DataTypes.createStructField("sd", DataTypes.DoubleType, true),
            DataTypes.createStructField("min", DataTypes.DoubleType, true),
            DataTypes.createStructField("max", DataTypes.DoubleType, true),
            DataTypes.createStructField("per_token", DataTypes.createArrayType(DataTypes.DoubleType, false), true),
            DataTypes.createStructField("p50", DataTypes.DoubleType, true),
            DataTypes.createStructField("p90", DataTypes.DoubleType, true),
            DataTypes.createStructField("p95", DataTypes.DoubleType, true),
            DataTypes.createStructField("p99", DataTypes.DoubleType, true),
            DataTypes.createStructField("scope", DataTypes.StringType, false),
            DataTypes.createStructField("level_index", DataTypes.IntegerType, true),
            DataTypes.createStructField("arm", DataTypes.StringType, true),
            DataTypes.createStructField("hist", DataTypes.createArrayType(DataTypes.LongType, false), true)));

    private ChunkGaps() {}

    /** Gap statistics of every run with at least one gap, per run, level and arm (see {@link #SCHEMA}). */
    public static Dataset<Row> byScope(Dataset<Row> requests) {
        Dataset<Row> withGaps = requests
                // as in the chunks view, whose ARRAYS_ZIP yields nothing for a request without chunk_tokens
                .filter(col("phase").equalTo("measured").and(col("outcome").equalTo("ok"))
                        .and(size(col("chunk_offsets_ns")).geq(2)).and(col("chunk_tokens").isNotNull()))
                .select("run_uid", "level_index", "arm", "chunk_offsets_ns", "chunk_tokens");
        long runs = withGaps.select("run_uid").distinct().count();
        if (runs == 0) return requests.sparkSession().createDataFrame(List.of(), SCHEMA);
        // about one run per task, so a task holds one run's gaps at a time
        JavaRDD<Row> stats = withGaps.repartition((int) Math.min(runs, MAX_PARTITIONS), col("run_uid"))
                .queryExecution().toRdd().toJavaRDD().mapPartitions(new PerRun());
        return requests.sparkSession().createDataFrame(stats, SCHEMA);
    }

    /** The histogram counts of {@link #byScope}'s run rows: run_uid, bin, lo, hi, count (non-empty bins only). */
    public static Dataset<Row> histogramCounts(Dataset<Row> byScope) {
        return byScope.filter(col("scope").equalTo("run"))
                .selectExpr("run_uid", "min AS lo", "p99 AS hi", "posexplode(hist) AS (bin, count)")
                .filter(col("count").gt(0));
    }

    /** Reads a task's requests, run by run, and emits each run's scope rows when the input is exhausted. */
    private static final class PerRun implements FlatMapFunction<Iterator<InternalRow>, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<InternalRow> rows) {
            Map<String, RunGaps> runs = new LinkedHashMap<>();
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                String run = r.getUTF8String(0).toString();
                runs.computeIfAbsent(run, RunGaps::new).add(r.isNullAt(1) ? null : r.getInt(1),
                        r.isNullAt(2) ? null : r.getUTF8String(2).toString(), r.getArray(3), r.getArray(4));
            }
            List<Row> out = new ArrayList<>();
            for (RunGaps g : runs.values()) g.emit(out);
            return out.iterator();
        }
    }

    /** One run's gaps in request order, with each request's level and arm. */
    private static final class RunGaps {
        final String run;
        long[] gaps = new long[1024];
        int[] tokens = new int[1024];
        int size;
        final List<Integer> levels = new ArrayList<>();
        final List<String> arms = new ArrayList<>();
        final List<Integer> starts = new ArrayList<>();

        RunGaps(String run) {
            this.run = run;
        }

        void add(Integer level, String arm, ArrayData offsets, ArrayData chunkTokens) {
            levels.add(level);
            arms.add(arm);
            starts.add(size);
            int chunks = offsets.numElements();
            for (int i = 1; i < chunks; i++) {
                if (offsets.isNullAt(i) || offsets.isNullAt(i - 1)) continue;
                if (size == gaps.length) {
                    gaps = Arrays.copyOf(gaps, size * 2);
                    tokens = Arrays.copyOf(tokens, size * 2);
                }
                gaps[size] = offsets.getLong(i) - offsets.getLong(i - 1);
                // a chunk without a token count has no per-token gap (0 marks it, as zero tokens do)
                boolean known = i < chunkTokens.numElements() && !chunkTokens.isNullAt(i);
                tokens[size] = known ? chunkTokens.getInt(i) : 0;
                size++;
            }
        }

        int end(int request) {
            return request + 1 < starts.size() ? starts.get(request + 1) : size;
        }

        void emit(List<Row> out) {
            if (size == 0) return;
            Scope all = Scope.of(gaps, tokens, 0, size);
            out.add(all.row(run, "run", null, null, all.histogram()));
            Map<Integer, List<Integer>> byLevel = group(levels);
            if (byLevel.size() == 1) {
                Integer level = byLevel.keySet().iterator().next();
                out.add(all.row(run, "level", level, null, null));
            } else {
                byLevel.forEach((level, requests) -> {
                    Scope s = subset(requests);
                    if (s != null) out.add(s.row(run, "level", level, null, null));
                });
            }
            group(arms).forEach((arm, requests) -> {
                if (arm == null) return;
                Scope s = subset(requests);
                if (s != null) out.add(s.row(run, "arm", null, arm, null));
            });
        }

        private Scope subset(List<Integer> requests) {
            int n = 0;
            for (int q : requests) n += end(q) - starts.get(q);
            if (n == 0) return null;
            long[] g = new long[n];
            int[] t = new int[n];
            int at = 0;
            for (int q : requests) {
                int from = starts.get(q);
                int len = end(q) - from;
                System.arraycopy(gaps, from, g, at, len);
                System.arraycopy(tokens, from, t, at, len);
                at += len;
            }
            return Scope.of(g, t, 0, n);
        }

        private static <K> Map<K, List<Integer>> group(List<K> keys) {
            Map<K, List<Integer>> out = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) out.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(i);
            return out;
        }
    }

    /** Statistics of one scope's gaps; {@code sorted} holds them in ms, ascending. */
    private record Scope(double[] sorted, double mean, Double sd, double[] pct, double[] perToken) {
        static Scope of(long[] gapsNs, int[] tokens, int from, int to) {
            int n = to - from;
            double[] ms = new double[n];
            double[] perTokenMs = new double[n];
            int withTokens = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = gapsNs[from + i] / NS_PER_MS;   // the same arithmetic as the SQL: a long over 1e6
                ms[i] = v;
                sum += v;
                if (tokens[from + i] > 0) perTokenMs[withTokens++] = v / tokens[from + i];
            }
            double mean = sum / n;
            Double sd = null;
            if (n >= 2) {
                double squares = 0;
                for (double v : ms) squares += (v - mean) * (v - mean);
                sd = Math.sqrt(squares / (n - 1));
            }
            Arrays.sort(ms);
            double[] perToken = Arrays.copyOf(perTokenMs, withTokens);
            Arrays.sort(perToken);
            return new Scope(ms, mean, sd, percentiles(ms, PS), withTokens == 0 ? null : percentiles(perToken,
                    PER_TOKEN_PS));
        }

        /** Counts in {@link #BINS} equal-width bins from min to p99, values above p99 in the last, as the SQL bins. */
        long[] histogram() {
            double lo = sorted[0];
            double width = Math.max(pct[3] - lo, 1e-9) / BINS;
            long[] counts = new long[BINS];
            for (double v : sorted) {
                counts[(int) Math.min(BINS - 1, Math.max(0, (long) Math.floor((v - lo) / width)))]++;
            }
            return counts;
        }

        Row row(String run, String scope, Integer level, String arm, long[] hist) {
            return RowFactory.create(run, (long) sorted.length, mean, sd, sorted[0], sorted[sorted.length - 1],
                    perToken == null ? null : boxed(perToken), pct[0], pct[1], pct[2], pct[3], scope, level, arm,
                    hist == null ? null : Arrays.stream(hist).boxed().toArray(Long[]::new));
        }
    }

    /** Type 7 percentiles of ascending values with Spark's own arithmetic, so they equal its percentile(). */
    static double[] percentiles(double[] sorted, double[] ps) {
        double[] out = new double[ps.length];
        int n = sorted.length;
        for (int i = 0; i < ps.length; i++) {
            double position = (n - 1) * ps[i];
            long lower = (long) Math.floor(position);
            long higher = (long) Math.ceil(position);
            double lowerValue = sorted[(int) lower];
            double higherValue = sorted[(int) higher];
            out[i] = lower == higher || lowerValue == higherValue ? lowerValue
                    : (higher - position) * lowerValue + (position - lower) * higherValue;
        }
        return out;
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }
}
