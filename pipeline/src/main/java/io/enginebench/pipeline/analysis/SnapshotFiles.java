package io.enginebench.pipeline.analysis;

import io.enginebench.trace.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A plain reading of the warehouse layout (docs/WAREHOUSE.md): base tables from the snapshot named by CURRENT,
 * derived tables to derived/ and derived-csv/. Used when no other {@link AnalysisWarehouse} is supplied.
 */
public final class SnapshotFiles implements AnalysisWarehouse {
    @Override
    public Connection open(SparkSession spark, String warehouseDir) {
        try {
            Path root = new Path(warehouseDir);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path current = new Path(root, "CURRENT");
            if (!fs.exists(current)) {
                throw new UserFacingException("no warehouse at " + warehouseDir + " (run bench ingest first)");
            }
            String id;
            try (var in = fs.open(current)) {
                id = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            Path snapshot = new Path(root, "snapshots/" + id);
            return new Connection() {
                @Override public Dataset<Row> runs() { return table("runs"); }

                @Override public Dataset<Row> requests() { return table("requests"); }

                @Override public Dataset<Row> engineMetrics() { return table("engine_metrics"); }

                @Override public Dataset<Row> dataQuality() { return table("data_quality"); }

                private Dataset<Row> table(String name) {
                    return spark.read().parquet(new Path(snapshot, name).toString());
                }

                @Override
                public void write(Map<String, Dataset<Row>> tables) {
                    tables.forEach((name, df) -> writeTable(fs, root, name, df));
                }
            };
        } catch (IOException e) {
            throw new UserFacingException("cannot read warehouse " + warehouseDir + ": " + e.getMessage(), e);
        }
    }

    private static void writeTable(FileSystem fs, Path root, String name, Dataset<Row> df) {
        try {
            df.write().mode(SaveMode.Overwrite).parquet(new Path(root, "derived/" + name).toString());
            Path tmp = new Path(root, "derived-csv/." + name + ".tmp");
            df.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(tmp.toString());
            Path csv = new Path(root, "derived-csv/" + name + ".csv");
            for (FileStatus part : fs.listStatus(tmp, p -> p.getName().startsWith("part-"))) {
                fs.delete(csv, false);
                fs.rename(part.getPath(), csv);
            }
            fs.delete(tmp, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class UncheckedIOException extends java.io.UncheckedIOException {
        UncheckedIOException(IOException e) {
            super(e.getMessage(), e);
        }
    }
}
