package io.enginebench.pipeline.ingest.legacy;

import io.enginebench.pipeline.warehouse.Tables;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Builds the large legacy tables ({@code requests}, {@code engine_metrics}) inside Spark tasks: the files are read
 * with the {@code binaryFile} source and parsed where they are read, so hundreds of thousands of rows never pass
 * through the driver (the driver only keeps runs and findings).
 */
public final class LegacyRowsJob {
    private LegacyRowsJob() {}

    /** @param relByPath qualified file path (as Spark reports it) → path relative to the ingest root */
    public static Dataset<Row> requests(SparkSession spark, Map<String, String> relByPath) {
        return contents(spark, relByPath).flatMap(rowsOf(relByPath, true), Encoders.row(Tables.REQUESTS_SCHEMA));
    }

    public static Dataset<Row> engineMetrics(SparkSession spark, Map<String, String> relByPath) {
        return contents(spark, relByPath).flatMap(rowsOf(relByPath, false),
                Encoders.row(Tables.ENGINE_METRICS_SCHEMA));
    }

    private static Dataset<Row> contents(SparkSession spark, Map<String, String> relByPath) {
        return spark.read().format("binaryFile").load(relByPath.keySet().stream().sorted().toArray(String[]::new))
                .select(col("path"), col("content"));
    }

    private static FlatMapFunction<Row, Row> rowsOf(Map<String, String> relByPath, boolean requests) {
        return r -> {
            String rel = relByPath.get(r.getString(0));
            if (rel == null) throw new IllegalStateException("unexpected file " + r.getString(0));
            byte[] bytes = (byte[]) r.get(1);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            LegacyRun run = new LegacyResultParser().parse(bytes, rel, sha);
            List<Row> rows = requests ? run.requests() : run.engineMetrics();
            Iterator<Row> it = rows.iterator();
            return it;
        };
    }
}
