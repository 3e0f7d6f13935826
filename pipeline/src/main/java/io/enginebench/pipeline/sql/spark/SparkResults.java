package io.enginebench.pipeline.sql.spark;

import io.enginebench.pipeline.sql.PlainType;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A Spark dataset as a {@link QueryResult}: its columns made plain ({@link PlainColumns}), rows streamed. */
public final class SparkResults {
    private SparkResults() {}

    public static QueryResult of(Dataset<Row> df) {
        Dataset<Row> plain = PlainColumns.of(df);
        List<ResultColumn> columns = columnsOfPlain(plain);
        return new QueryResult() {
            @Override
            public List<ResultColumn> columns() {
                return columns;
            }

            @Override
            public Iterator<Object[]> rows() {
                Iterator<Row> it = plain.toLocalIterator();   // partition by partition
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Object[] next() {
                        return values(it.next());
                    }
                };
            }

            @Override
            public List<Object[]> firstRows(int n) {
                // a LIMIT lets Spark stop early; the local iterator would run a job per partition
                return plain.limit(n).collectAsList().stream().map(SparkResults::values).toList();
            }

            @Override
            public void close() {}
        };
    }

    /** The columns {@link #of} gives {@code df}, from its schema alone (no job). */
    public static List<ResultColumn> columns(Dataset<Row> df) {
        return columnsOfPlain(PlainColumns.of(df));
    }

    private static List<ResultColumn> columnsOfPlain(Dataset<Row> plain) {
        List<ResultColumn> columns = new ArrayList<>();
        for (StructField f : plain.schema().fields()) columns.add(column(f));
        return List.copyOf(columns);
    }

    /** The plain type of a column of {@link PlainColumns#of}; anything else there is a string. */
    static ResultColumn column(StructField f) {
        DataType t = f.dataType();
        if (t instanceof DecimalType d) return new ResultColumn(f.name(), PlainType.DECIMAL, d.precision(), d.scale());
        PlainType type;
        if (t instanceof BooleanType) type = PlainType.BOOLEAN;
        else if (t instanceof ByteType) type = PlainType.BYTE;
        else if (t instanceof ShortType) type = PlainType.SHORT;
        else if (t instanceof IntegerType) type = PlainType.INT;
        else if (t instanceof LongType) type = PlainType.LONG;
        else if (t instanceof FloatType) type = PlainType.FLOAT;
        else if (t instanceof DoubleType) type = PlainType.DOUBLE;
        else if (t instanceof DateType) type = PlainType.DATE;
        else if (PlainColumns.isTimestamp(t)) type = PlainType.TIMESTAMP;
        else type = PlainType.STRING;
        return new ResultColumn(f.name(), type);
    }

    private static Object[] values(Row r) {
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) v[i] = r.isNullAt(i) ? null : plain(r.get(i));
        return v;
    }

    /** Spark's Java 8 time values (when the session asks for them) as the java.sql ones of {@link PlainType}. */
    private static Object plain(Object v) {
        if (v instanceof LocalDateTime t) return Timestamp.valueOf(t);
        if (v instanceof Instant i) return Timestamp.from(i);
        if (v instanceof LocalDate d) return java.sql.Date.valueOf(d);
        return v;
    }
}
