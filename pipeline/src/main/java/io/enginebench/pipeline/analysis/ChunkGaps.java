package io.enginebench.pipeline.analysis;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Inter-chunk gaps (ITL) of ok measured requests, per run, level and arm: n, mean, sd, min, max, the type 7
 * percentiles p50/p90/p95/p99 of {@code itl_ms} and p50/p99 of {@code itl_per_token_ms} (null when no chunk of the
 * scope has an engine-counted token count: {@code chunk_tokens_exact} false) — the values METRICS.md
 * defines over the {@code chunks} view, equal to Spark's {@code percentile()} over it — and each run's histogram.
 *
 * <p>A native run has hundreds of gaps per request: making a Spark row of each and sorting them cost minutes at
 * 100,000 requests. Here a task reads whole runs, each run's gaps go from the chunk arrays into primitive arrays
 * (12 bytes per gap with its token count, twice that while a scope is computed) and the percentiles are selected
 * there. A run's gaps must fit in a task's memory: about 600 MB for a 100,000-request run of 256-chunk responses.
 */
public final class ChunkGaps {
    /** Chunk gaps are counted into this many equal-width bins between each run's min and p99. */
    public static final int BINS = Distributions.BINS;
    private static final double NS_PER_MS = 1e6;
    private static final double[] PS = {0.5, 0.9, 0.95, 0.99};
    private static final double[] PER_TOKEN_PS = {0.5, 0.99};
    private static final int MAX_PARTITIONS = 2000;
    /** The scope of the marker row of a run that a task saw only part of. */
    private static final String SPREAD = "spread";

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
        SparkSession spark = requests.sparkSession();
        Dataset<Row> columns = requests.select("run_uid", "phase", "outcome", "level_index", "arm",
                "chunk_offsets_ns", "chunk_tokens", "chunk_tokens_exact");
        // how many rows each run has: a task that has seen them all holds the whole run (a cheap scan of one column)
        HashMap<String, Long> rowsPerRun = new HashMap<>();
        for (Row r : requests.groupBy("run_uid").count().collectAsList()) {
            if (!r.isNullAt(0)) rowsPerRun.put(r.getString(0), r.getLong(1));
        }
        if (rowsPerRun.isEmpty()) return spark.createDataFrame(List.of(), SCHEMA);
        // Runs are stored contiguously, so most lie within one task of the scan and are computed where they are read;
        // a run spread over several tasks (a large file split, a snapshot merged from several batches) is marked and
        // computed again after a shuffle that brings its rows together. Both results are small: a few rows per run.
        List<Row> done = new ArrayList<>();
        Set<String> spread = new LinkedHashSet<>();
        for (Row r : perRun(columns, rowsPerRun, false).collect()) {
            if (SPREAD.equals(r.getString(SCHEMA.fieldIndex("scope")))) {
                spread.add(r.getString(0));
            } else {
                done.add(r);
            }
        }
        if (!spread.isEmpty()) {
            done.removeIf(r -> spread.contains(r.getString(0)));
            Dataset<Row> gathered = columns.filter(col("run_uid").isin(spread.toArray()))
                    .repartition(Math.min(spread.size(), MAX_PARTITIONS), col("run_uid"));
            done.addAll(perRun(gathered, rowsPerRun, true).collect());
        }
        return spark.createDataFrame(done, SCHEMA);
    }

    /** @param gathered the rows of each run are all in one task (after the shuffle): every run seen is complete */
    private static JavaRDD<Row> perRun(Dataset<Row> columns, HashMap<String, Long> rowsPerRun, boolean gathered) {
        return columns.queryExecution().toRdd().toJavaRDD().mapPartitions(new PerRun(rowsPerRun, gathered));
    }

    /** The histogram counts of {@link #byScope}'s run rows: run_uid, bin, lo, hi, count (non-empty bins only). */
    public static Dataset<Row> histogramCounts(Dataset<Row> byScope) {
        return byScope.filter(col("scope").equalTo("run"))
                .selectExpr("run_uid", "min AS lo", "p99 AS hi", "posexplode(hist) AS (bin, count)")
                .filter(col("count").gt(0));
    }

    /**
     * Reads a task's requests (run_uid, phase, outcome, level_index, arm, chunk_offsets_ns, chunk_tokens,
     * chunk_tokens_exact) and emits
     * the scope rows of every run it saw completely, as soon as it has; a run seen in part gets a {@link #SPREAD}
     * row instead.
     */
    private static final class PerRun implements FlatMapFunction<Iterator<InternalRow>, Row> {
        private static final long serialVersionUID = 1L;
        private static final UTF8String MEASURED = UTF8String.fromString("measured");
        private static final UTF8String OK = UTF8String.fromString("ok");
        private final HashMap<String, Long> rowsPerRun;
        private final boolean gathered;

        PerRun(HashMap<String, Long> rowsPerRun, boolean gathered) {
            this.rowsPerRun = rowsPerRun;
            this.gathered = gathered;
        }

        @Override
        public Iterator<Row> call(Iterator<InternalRow> rows) {
            Map<String, RunGaps> open = new LinkedHashMap<>();
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                if (r.isNullAt(0)) continue;
                String run = r.getUTF8String(0).toString();
                RunGaps g = open.computeIfAbsent(run, k -> new RunGaps(k, rowsPerRun.getOrDefault(k, 0L)));
                g.seen++;
                // as in the chunks view, whose ARRAYS_ZIP yields nothing for a request without chunk_tokens
                if (MEASURED.equals(r.getUTF8String(1)) && OK.equals(r.getUTF8String(2)) && !r.isNullAt(5)
                        && !r.isNullAt(6)) {
                    g.add(r.isNullAt(3) ? null : r.getInt(3), r.isNullAt(4) ? null : r.getUTF8String(4).toString(),
                            r.getArray(5), r.getArray(6), !r.isNullAt(7) && r.getBoolean(7));
                }
                if (g.seen == g.rows) {
                    open.remove(run).emit(out);   // complete: free its gaps before reading on
                }
            }
            for (RunGaps g : open.values()) {
                if (gathered) {
                    g.emit(out);
                } else if (g.size > 0) {
                    out.add(RowFactory.create(g.run, 0L, null, null, null, null, null, null, null, null, null, SPREAD,
                            null, null, null));
                }
            }
            return out.iterator();
        }
    }

    /** One run's gaps in request order, with each request's level and arm. */
    private static final class RunGaps {
        final String run;
        final long rows;
        long seen;
        long[] gaps = new long[0];
        int[] tokens = new int[0];
        int size;
        final List<Integer> levels = new ArrayList<>();
        final List<String> arms = new ArrayList<>();
        final List<Integer> starts = new ArrayList<>();

        RunGaps(String run, long rows) {
            this.run = run;
            this.rows = rows;
        }

        /** @param exact the chunk token counts came from the engine; else each chunk was counted as 1 token */
        void add(Integer level, String arm, ArrayData offsets, ArrayData chunkTokens, boolean exact) {
            levels.add(level);
            arms.add(arm);
            starts.add(size);
            int chunks = offsets.numElements();
            for (int i = 1; i < chunks; i++) {
                if (offsets.isNullAt(i) || offsets.isNullAt(i - 1)) continue;
                if (size == gaps.length) grow(chunks);
                gaps[size] = offsets.getLong(i) - offsets.getLong(i - 1);
                // a chunk without an engine-counted token count has no per-token gap (0 marks it, as zero tokens do):
                // dividing by a placeholder 1 would publish the per-chunk gap under the per-token name
                boolean known = exact && i < chunkTokens.numElements() && !chunkTokens.isNullAt(i);
                tokens[size] = known ? chunkTokens.getInt(i) : 0;
                size++;
            }
        }

        /** First sized for every row of the run having this many chunks (responses are alike), then doubled. */
        private void grow(int chunks) {
            long first = Math.max(1024, Math.min(rows * (chunks - 1), 1 << 26));
            int capacity = (int) (size == 0 ? first : Math.min(2L * size, Integer.MAX_VALUE - 8));
            gaps = Arrays.copyOf(gaps, capacity);
            tokens = Arrays.copyOf(tokens, capacity);
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

    /** Statistics of one scope's gaps, in ms. */
    private record Scope(int n, double mean, Double sd, double min, double max, double[] pct, double[] perToken,
            double[] values) {
        static Scope of(long[] gapsNs, int[] tokens, int from, int to) {
            int n = to - from;
            double[] ms = new double[n];
            double[] perTokenMs = new double[n];
            int withTokens = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = gapsNs[from + i] / NS_PER_MS;   // the same arithmetic as the SQL: a long over 1e6
                ms[i] = v;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (tokens[from + i] > 0) perTokenMs[withTokens++] = v / tokens[from + i];
            }
            double mean = sum / n;
            Double sd = null;
            if (n >= 2) {
                double squares = 0;
                for (double v : ms) squares += (v - mean) * (v - mean);
                sd = Math.sqrt(squares / (n - 1));
            }
            double[] perToken = withTokens == 0 ? null : Selection.percentiles(perTokenMs, withTokens, PER_TOKEN_PS);
            return new Scope(n, mean, sd, min, max, Selection.percentiles(ms, n, PS), perToken, ms);
        }

        /** Counts in {@link #BINS} equal-width bins from min to p99, values above p99 in the last, as the SQL bins. */
        long[] histogram() {
            double width = Math.max(pct[3] - min, 1e-9) / BINS;
            long[] counts = new long[BINS];
            for (double v : values) {
                counts[(int) Math.min(BINS - 1, Math.max(0, (long) Math.floor((v - min) / width)))]++;
            }
            return counts;
        }

        Row row(String run, String scope, Integer level, String arm, long[] hist) {
            return RowFactory.create(run, (long) n, mean, sd, min, max, perToken == null ? null : boxed(perToken),
                    pct[0], pct[1], pct[2], pct[3], scope, level, arm,
                    hist == null ? null : Arrays.stream(hist).boxed().toArray(Long[]::new));
        }
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }
}
