package io.enginebench.pipeline.sql.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

/**
 * Query results in the column types every client shows natively (the shell's text table, Flight SQL's Arrow
 * vectors): strings, integers, doubles, booleans, timestamps, dates, decimals; anything else its string cast.
 */
public final class PlainColumns {
    private PlainColumns() {}

    /** The dataset with every column in a plain type: arrays, maps and structs as JSON text, binary as base64. */
    public static Dataset<Row> of(Dataset<Row> df) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            Column c = col("`" + f.name().replace("`", "``") + "`");
            DataType t = f.dataType();
            if (t instanceof ArrayType || t instanceof MapType || t instanceof StructType) c = to_json(c);
            else if (t instanceof BinaryType) c = base64(c);
            else if (!isNative(t)) c = c.cast("string");
            cols.add(c.as(f.name()));
        }
        return df.select(cols.toArray(new Column[0]));
    }

    static boolean isTimestamp(DataType t) {
        return t instanceof TimestampType || t instanceof TimestampNTZType;
    }

    private static boolean isNative(DataType t) {
        return t instanceof StringType || t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType
                || t instanceof LongType || t instanceof DoubleType || t instanceof FloatType
                || t instanceof BooleanType || t instanceof TimestampType || t instanceof TimestampNTZType
                || t instanceof DateType || t instanceof DecimalType;
    }
}
