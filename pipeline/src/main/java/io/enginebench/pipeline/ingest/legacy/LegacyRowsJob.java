package io.enginebench.pipeline.ingest.legacy;

import io.enginebench.pipeline.warehouse.Tables;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

import java.io.Serializable;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds the large legacy tables ({@code requests}, {@code engine_metrics}) inside Spark tasks: each task reads and
 * parses its share of the files, so hundreds of thousands of rows never pass through the driver (the driver only
 * keeps runs and findings).
 *
 * <p>The files are handed to Spark as the list the driver already has, not as paths for a file source: given more
 * than a few dozen paths, a file source lists them with a distributed job of one task per path, which cost several
 * seconds per table for a few hundred legacy files.
 */
public final class LegacyRowsJob {
    /** Tasks per core: files differ in size, so a few tasks per core even out the load. */
    private static final int TASKS_PER_CORE = 4;

    private LegacyRowsJob() {}

    /** One file to parse: its qualified path and its path relative to the ingest root. */
    private record LegacyFile(String path, String rel) implements Serializable {}

    /** @param relByPath qualified file path → path relative to the ingest root */
    public static Dataset<Row> requests(SparkSession spark, Map<String, String> relByPath) {
        return rows(spark, relByPath, Tables.REQUESTS_SCHEMA, true);
    }

    public static Dataset<Row> engineMetrics(SparkSession spark, Map<String, String> relByPath) {
        return rows(spark, relByPath, Tables.ENGINE_METRICS_SCHEMA, false);
    }

    private static Dataset<Row> rows(SparkSession spark, Map<String, String> relByPath, StructType schema,
                                     boolean requests) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<LegacyFile> files = relByPath.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new LegacyFile(e.getKey(), e.getValue())).toList();
        int slices = Math.max(1, Math.min(files.size(), TASKS_PER_CORE * jsc.defaultParallelism()));
        Broadcast<SerializableConfiguration> conf =
                jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        JavaRDD<Row> rows = jsc.parallelize(files, slices).flatMap(rowsOf(conf, requests));
        return spark.createDataFrame(rows, schema);
    }

    private static FlatMapFunction<LegacyFile, Row> rowsOf(Broadcast<SerializableConfiguration> conf,
                                                          boolean requests) {
        return f -> {
            Path path = new Path(f.path());
            byte[] bytes;
            try (FSDataInputStream in = path.getFileSystem(conf.value().value()).open(path)) {
                bytes = in.readAllBytes();
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            LegacyRun run = new LegacyResultParser().parse(bytes, f.rel(), sha);
            return (requests ? run.requests() : run.engineMetrics()).iterator();
        };
    }
}
