package io.enginebench.pipeline.warehouse;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;

/** The Spark schema Spark itself stores in the footer of every Parquet file it writes. */
final class ParquetSchemas {
    /** The footer key under which Spark writes the row schema as JSON. */
    static final String SPARK_ROW_METADATA = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetSchemas() {}

    /** The schema of the first part file under {@code dir}, or null when there is none (caller lets Spark infer). */
    static StructType sparkSchemaOrNull(HadoopFiles files, Path dir) {
        try {
            for (FileStatus s : files.list(dir)) {
                String n = s.getPath().getName();
                if (!s.isFile() || n.startsWith(".") || n.startsWith("_") || !n.endsWith(".parquet")) continue;
                try (ParquetFileReader r = ParquetFileReader.open(
                        HadoopInputFile.fromPath(s.getPath(), files.fs().getConf()))) {
                    String json = r.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_ROW_METADATA);
                    return json == null ? null : (DataType.fromJson(json) instanceof StructType t ? t : null);
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
