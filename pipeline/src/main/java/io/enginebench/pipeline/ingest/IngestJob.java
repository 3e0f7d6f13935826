package io.enginebench.pipeline.ingest;

import io.enginebench.pipeline.ingest.InputScanner.Input;
import io.enginebench.pipeline.ingest.InputScanner.Kind;
import io.enginebench.pipeline.ingest.input.MalformedInputException;
import io.enginebench.pipeline.ingest.legacy.LegacyResultParser;
import io.enginebench.pipeline.ingest.legacy.LegacyRowsJob;
import io.enginebench.pipeline.ingest.legacy.LegacyRun;
import io.enginebench.pipeline.ingest.legacy.MatrixManifestCheck;
import io.enginebench.pipeline.ingest.runfolder.NativeRun;
import io.enginebench.pipeline.ingest.runfolder.NativeRunReader;
import io.enginebench.pipeline.quality.CrossRunRules;
import io.enginebench.pipeline.quality.Finding;
import io.enginebench.pipeline.quality.LabelRules;
import io.enginebench.pipeline.quality.NativeRequestRules;
import io.enginebench.pipeline.quality.Rules;
import io.enginebench.pipeline.quality.SpecEvidenceRule;
import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.pipeline.warehouse.Warehouse;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code bench ingest}: reads native run folders and legacy result files into a new warehouse snapshot (the previous
 * snapshot's runs plus this batch, the batch replacing runs with the same {@code run_uid} or source path).
 *
 * <p>Legacy JSON is parsed in the driver by a thread pool (Jackson, a few hundred small files: faster than shipping
 * them through Spark tasks on a small machine); native Parquet is read by Spark directly.
 */
public final class IngestJob {
    public static final String SOURCE_MANIFEST = "legacy-manifest";

    private final Warehouse warehouse;
    private final SparkSession spark;
    private final PrintStream progress;
    private final int threads;

    public IngestJob(Warehouse warehouse, PrintStream progress) {
        this(warehouse, progress, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public IngestJob(Warehouse warehouse, PrintStream progress, int threads) {
        this.warehouse = warehouse;
        this.spark = warehouse.spark();
        this.progress = progress;
        this.threads = threads;
    }

    private record Parsed(Input input, LegacyRun run, List<Finding> manifestFindings, String quarantineReason) {}

    public IngestSummary run(List<String> paths) throws IOException {
        long t0 = System.nanoTime();
        IngestSummary summary = new IngestSummary();
        InputScanner.Scan scan = new InputScanner(spark.sparkContext().hadoopConfiguration()).scan(paths);
        summary.skipped(scan.skippedByExtension());
        progress.printf("ingest: found %d legacy result files, %d matrix manifests, %d native run folders, "
                        + "%d other files (skipped)%n", scan.count(Kind.LEGACY_RESULT), scan.count(Kind.LEGACY_MANIFEST),
                scan.count(Kind.NATIVE_RUN), scan.skipped());

        List<Parsed> parsed = parseFiles(scan.inputs());
        progress.printf("ingest: parsed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Set<String> seenPaths = new HashSet<>();
        List<Row> quarantine = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, List<LegacyRun>> legacyByUid = new TreeMap<>();
        for (Parsed p : parsed) {
            seenPaths.add(p.input().rel());
            String source = p.input().kind() == Kind.LEGACY_MANIFEST ? SOURCE_MANIFEST : LegacyResultParser.SOURCE;
            IngestSummary.Counts c = summary.source(source);
            c.seen++;
            if (p.quarantineReason() != null) {
                quarantine(p.input().rel(), p.quarantineReason(), quarantine, findings);
                c.quarantined++;
            } else if (p.run() != null) {
                legacyByUid.computeIfAbsent(p.run().runUid(), k -> new ArrayList<>()).add(p.run());
            } else {
                findings.addAll(p.manifestFindings());
                c.ingested++;
            }
        }

        // Previous snapshot: which runs does this batch replace (same run_uid, or same source path)?
        Map<String, String> prevPathByUid = new HashMap<>();
        for (Row r : warehouse.table(Tables.RUNS).select("run_uid", "source_path").collectAsList()) {
            prevPathByUid.put(r.getString(0), r.getString(1));
        }

        List<Row> runRows = new ArrayList<>();
        Map<String, String> legacyFiles = new HashMap<>();
        long legacyRequestCount = 0;
        for (List<LegacyRun> copies : legacyByUid.values()) {
            copies.sort(Comparator.comparing(LegacyRun::sourcePath));
            LegacyRun kept = copies.get(0);
            runRows.add(kept.run());
            legacyFiles.put(kept.sourcePathQualified(), kept.sourcePath());
            legacyRequestCount += kept.requests().size();
            findings.addAll(kept.findings());
            IngestSummary.Counts c = summary.source(LegacyResultParser.SOURCE);
            c.ingested++;
            List<String> others = new ArrayList<>(copies.stream().skip(1).map(LegacyRun::sourcePath).toList());
            String prev = prevPathByUid.get(kept.runUid());
            if (prev != null && !prev.equals(kept.sourcePath()) && !seenPaths.contains(prev)) others.add(prev);
            for (String other : others) {
                if (copies.stream().anyMatch(x -> x.sourcePath().equals(other))) c.duplicates++;
                findings.add(new Finding(kept.runUid(), other, Rules.DUPLICATE_FILE, Finding.WARNING,
                        "byte-identical to " + kept.sourcePath() + " (stored once, from that path)"));
            }
        }

        List<NativeRun> natives = new ArrayList<>();
        for (Input in : scan.inputs()) {
            if (in.kind() != Kind.NATIVE_RUN) continue;
            seenPaths.add(in.rel());
            IngestSummary.Counts c = summary.source(NativeRunReader.SOURCE);
            c.seen++;
            try {
                NativeRun n = new NativeRunReader(in.files(), spark.sparkContext().hadoopConfiguration())
                        .read(in.path(), in.rel());
                natives.add(n);
                runRows.add(n.run());
                findings.addAll(n.findings());
                c.ingested++;
            } catch (MalformedInputException e) {
                quarantine(in.rel(), e.getMessage(), quarantine, findings);
                c.quarantined++;
            }
        }

        Set<String> batchUids = new HashSet<>(legacyByUid.keySet());
        natives.forEach(n -> batchUids.add(n.runUid()));
        Set<String> replaced = new HashSet<>(batchUids);
        prevPathByUid.forEach((uid, path) -> { if (seenPaths.contains(path)) replaced.add(uid); });

        Dataset<Row> newRuns = spark.createDataFrame(runRows, Tables.RUNS_SCHEMA);
        Dataset<Row> newRequests = legacyFiles.isEmpty() ? spark.createDataFrame(List.of(), Tables.REQUESTS_SCHEMA)
                : LegacyRowsJob.requests(spark, legacyFiles);
        Dataset<Row> newMetrics = legacyFiles.isEmpty()
                ? spark.createDataFrame(List.of(), Tables.ENGINE_METRICS_SCHEMA)
                : LegacyRowsJob.engineMetrics(spark, legacyFiles);
        if (!natives.isEmpty()) {
            // read with the warehouse schema: columns an older trace version lacks (queue_wait_ns, request_id) come back null
            Dataset<Row> nativeRequests = Tables.conform(spark.read().schema(Tables.REQUESTS_SCHEMA)
                    .parquet(natives.stream().map(NativeRun::requestsFile).toArray(String[]::new))
                    .withColumn("run_uid", col("run_id")).withColumn("source", lit(NativeRunReader.SOURCE)),
                    Tables.REQUESTS_SCHEMA);
            newRequests = newRequests.unionByName(nativeRequests);
            Map<String, Integer> labels = new HashMap<>();
            Map<String, String> pathsByUid = new HashMap<>();
            for (NativeRun n : natives) {
                if (n.labelPromptTokens() != null) labels.put(n.runUid(), n.labelPromptTokens());
                pathsByUid.put(n.runUid(), n.sourcePath());
            }
            findings.addAll(NativeRequestRules.check(nativeRequests, labels, pathsByUid));
            findings.addAll(LabelRules.check(nativeRequests, pathsByUid));
            String[] metricFiles = natives.stream().map(NativeRun::engineMetricsFile)
                    .filter(java.util.Objects::nonNull).toArray(String[]::new);
            Dataset<Row> nativeMetrics = metricFiles.length == 0
                    ? spark.createDataFrame(List.of(), Tables.ENGINE_METRICS_SCHEMA)
                    : Tables.conform(spark.read().parquet(metricFiles).withColumn("run_uid", col("run_id")),
                            Tables.ENGINE_METRICS_SCHEMA);
            newMetrics = newMetrics.unionByName(nativeMetrics);
            findings.addAll(SpecEvidenceRule.check(spark.createDataFrame(
                    natives.stream().map(NativeRun::run).toList(), Tables.RUNS_SCHEMA), nativeMetrics));
        }

        Dataset<Row> replacedUids = broadcast(strings(replaced, "run_uid"));
        Dataset<Row> seen = broadcast(strings(seenPaths, "source_path"));
        Dataset<Row> runs = warehouse.table(Tables.RUNS).join(replacedUids, scalaSeq("run_uid"), "left_anti")
                .unionByName(newRuns);
        Dataset<Row> requests = warehouse.table(Tables.REQUESTS).join(replacedUids, scalaSeq("run_uid"), "left_anti")
                .unionByName(newRequests);
        Dataset<Row> metrics = warehouse.table(Tables.ENGINE_METRICS)
                .join(replacedUids, scalaSeq("run_uid"), "left_anti").unionByName(newMetrics);
        Dataset<Row> quarantineAll = warehouse.table(Tables.QUARANTINE).join(seen, scalaSeq("source_path"), "left_anti")
                .unionByName(spark.createDataFrame(quarantine, Tables.QUARANTINE_SCHEMA));

        // Per-run findings of replaced runs and of re-seen files go; cross-run findings are recomputed.
        Dataset<Row> prevDq = warehouse.table(Tables.DATA_QUALITY)
                .join(seen, scalaSeq("source_path"), "left_anti")
                .filter(col("rule").isin(Rules.CROSS_RUN.toArray()).unary_$bang())
                .join(broadcast(strings(replaced, "run_uid").withColumn("_replaced", lit(true))),
                        scalaSeq("run_uid"), "left")
                .filter(col("_replaced").isNull().or(col("rule").equalTo(Rules.DUPLICATE_FILE)))
                .drop("_replaced");
        List<Finding> cross = CrossRunRules.check(runs.select("run_uid", "source_path", "collection", "model",
                        "model_slug", "engine_variant", "scenario", "iteration", "timestamp").collectAsList().stream()
                .map(r -> new CrossRunRules.RunKey(r.getString(0), r.getString(1), r.getString(2),
                        r.isNullAt(3) ? r.getString(4) : r.getString(3), r.getString(5), r.getString(6),
                        r.isNullAt(7) ? null : r.getInt(7), r.getTimestamp(8).getTime()))
                .toList());
        List<Row> dqRows = new ArrayList<>();
        findings.forEach(f -> dqRows.add(f.toRow()));
        cross.forEach(f -> dqRows.add(f.toRow()));
        Dataset<Row> dq = prevDq.unionByName(spark.createDataFrame(dqRows, Tables.DATA_QUALITY_SCHEMA)).distinct();

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(Tables.RUNS, runs);
        tables.put(Tables.REQUESTS, requests);
        tables.put(Tables.ENGINE_METRICS, metrics);
        tables.put(Tables.DATA_QUALITY, dq);
        tables.put(Tables.QUARANTINE, quarantineAll);
        progress.printf("ingest: writing snapshot (%d runs in this batch, %d requests from legacy files)%n",
                runRows.size(), legacyRequestCount);
        progress.printf("ingest: prepared in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String id = warehouse.commitSnapshot(tables);
        summary.findings(findings.size() + cross.size());
        summary.finished(id, (System.nanoTime() - t0) / 1_000_000);
        return summary;
    }

    private static void quarantine(String path, String reason, List<Row> quarantine, List<Finding> findings) {
        quarantine.add(RowFactory.create(path, reason));
        findings.add(new Finding(null, path, Rules.QUARANTINED, Finding.ERROR, reason));
    }

    private List<Parsed> parseFiles(List<Input> inputs) {
        List<Input> files = inputs.stream().filter(i -> i.kind() != Kind.NATIVE_RUN).toList();
        if (files.isEmpty()) return List.of();
        LegacyResultParser parser = new LegacyResultParser();
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, files.size() / 10);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "legacy-parser");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Parsed>> futures = new ArrayList<>();
            for (Input in : files) {
                futures.add(pool.submit(() -> {
                    Parsed p = parseOne(parser, in);
                    int n = done.incrementAndGet();
                    if (n % step == 0 || n == files.size()) {
                        progress.printf("ingest: parsed %d/%d files%n", n, files.size());
                    }
                    return p;
                }));
            }
            List<Parsed> out = new ArrayList<>();
            for (Future<Parsed> f : futures) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Parsed parseOne(LegacyResultParser parser, Input in) {
        byte[] bytes;
        try {
            bytes = in.files().readBytes(in.path());
        } catch (IOException e) {
            return new Parsed(in, null, null, "unreadable: " + e.getMessage());
        }
        try {
            if (in.kind() == Kind.LEGACY_MANIFEST) {
                return new Parsed(in, null, MatrixManifestCheck.check(bytes, in.rel(),
                        rel -> in.files().exists(new Path(in.root(), rel))), null);
            }
            LegacyRun run = parser.parse(bytes, in.rel(), sha256(bytes));
            // request and metric rows are rebuilt inside Spark tasks; the driver keeps only their count
            return new Parsed(in, run.withoutRows(in.path().toString()), null, null);
        } catch (MalformedInputException e) {
            return new Parsed(in, null, null, e.getMessage());
        }
    }

    private Dataset<Row> strings(Set<String> values, String column) {
        List<Row> rows = values.stream().sorted().map(v -> RowFactory.create(v)).toList();
        StructType schema = DataTypes.createStructType(
                List.of(DataTypes.createStructField(column, DataTypes.StringType, true)));
        return spark.createDataFrame(rows, schema);
    }

    private static scala.collection.immutable.Seq<String> scalaSeq(String column) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(column)).toList();
    }

    static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
