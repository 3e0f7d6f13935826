package io.enginebench.pipeline.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.time.Instant;
import java.util.List;

/** Collects a (small, already aggregated) Spark Dataset into a Tablesaw table on the driver. */
public final class SparkTables {
    private SparkTables() {}

    public static Table toTablesaw(String name, Dataset<Row> ds) {
        StructField[] fields = ds.schema().fields();
        Table t = Table.create(name);
        for (StructField f : fields) {
            t.addColumns(column(f.name(), f.dataType()));
        }
        List<Row> rows = ds.collectAsList();
        for (Row r : rows) {
            for (int c = 0; c < fields.length; c++) {
                append(t.column(c), r.isNullAt(c) ? null : r.get(c));
            }
        }
        return t;
    }

    private static Column<?> column(String name, DataType type) {
        if (type instanceof BooleanType) {
            return BooleanColumn.create(name);
        }
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return IntColumn.create(name);
        }
        if (type instanceof LongType) {
            return LongColumn.create(name);
        }
        if (type instanceof DoubleType || type instanceof FloatType || type instanceof DecimalType) {
            return DoubleColumn.create(name);
        }
        return StringColumn.create(name);
    }

    private static void append(Column<?> col, Object v) {
        if (v == null) {
            col.appendMissing();
        } else if (col instanceof BooleanColumn b) {
            b.append((Boolean) v);
        } else if (col instanceof IntColumn i) {
            i.append(((Number) v).intValue());
        } else if (col instanceof LongColumn l) {
            l.append(((Number) v).longValue());
        } else if (col instanceof DoubleColumn d) {
            d.append(((Number) v).doubleValue());
        } else {
            ((StringColumn) col).append(text(v));
        }
    }

    /** Timestamps print in UTC regardless of the JVM's zone. */
    private static String text(Object v) {
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toInstant().toString();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        return String.valueOf(v);
    }
}
