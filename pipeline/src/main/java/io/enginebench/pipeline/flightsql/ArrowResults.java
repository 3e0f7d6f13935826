package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.spark.PlainColumns;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
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
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;


/**
 * Spark query results as Arrow. Spark's own Arrow path is internal API, so rows are collected through
 * {@link Dataset#toLocalIterator()} (bounded memory) and written with a small type mapping: strings, integers,
 * doubles, booleans, timestamps (µs, UTC), dates, decimals; arrays/maps/structs become JSON text, binary base64,
 * anything else its string cast.
 */
public final class ArrowResults {
    private ArrowResults() {}

    /** Arrow schema of a {@link PlainColumns#of plain-columned} Spark schema. */
    public static Schema schema(StructType sparkSchema) {
        List<Field> fields = new ArrayList<>();
        for (StructField f : sparkSchema.fields()) {
            fields.add(new Field(f.name(), new FieldType(true, arrowType(f.dataType()), null), null));
        }
        return new Schema(fields);
    }

    static ArrowType arrowType(DataType t) {
        if (t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType) return new ArrowType.Int(32, true);
        if (t instanceof LongType) return new ArrowType.Int(64, true);
        if (t instanceof DoubleType || t instanceof FloatType) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        }
        if (t instanceof BooleanType) return ArrowType.Bool.INSTANCE;
        if (t instanceof TimestampType) return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
        if (t instanceof TimestampNTZType) return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        if (t instanceof DateType) return new ArrowType.Date(DateUnit.DAY);
        if (t instanceof DecimalType d) return new ArrowType.Decimal(d.precision(), d.scale(), 128);
        return ArrowType.Utf8.INSTANCE;
    }

    /**
     * Fills {@code root} with up to {@code maxRows} rows from {@code rows}; returns the number written. The caller
     * sends the batch and calls again while rows remain.
     */
    public static int fill(VectorSchemaRoot root, Iterator<Row> rows, int maxRows) {
        root.allocateNew();
        List<FieldVector> vectors = root.getFieldVectors();
        int n = 0;
        while (n < maxRows && rows.hasNext()) {
            Row row = rows.next();
            for (int c = 0; c < vectors.size(); c++) set(vectors.get(c), n, row.isNullAt(c) ? null : row.get(c));
            n++;
        }
        root.setRowCount(n);
        return n;
    }

    private static void set(FieldVector v, int i, Object value) {
        if (value == null) {
            v.setNull(i);
        } else if (v instanceof VarCharVector s) {
            s.setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof IntVector iv) {
            iv.setSafe(i, ((Number) value).intValue());
        } else if (v instanceof BigIntVector lv) {
            lv.setSafe(i, ((Number) value).longValue());
        } else if (v instanceof Float8Vector dv) {
            dv.setSafe(i, ((Number) value).doubleValue());
        } else if (v instanceof BitVector bv) {
            bv.setSafe(i, (Boolean) value ? 1 : 0);
        } else if (v instanceof TimeStampMicroTZVector tv) {
            tv.setSafe(i, epochMicros(value));
        } else if (v instanceof TimeStampMicroVector tv) {
            tv.setSafe(i, epochMicros(value));
        } else if (v instanceof DateDayVector dd) {
            LocalDate d = value instanceof Date sd ? sd.toLocalDate() : (LocalDate) value;
            dd.setSafe(i, (int) d.toEpochDay());
        } else if (v instanceof DecimalVector dec) {
            dec.setSafe(i, ((BigDecimal) value).setScale(dec.getScale(), RoundingMode.HALF_UP));
        } else {
            throw new IllegalStateException("no Arrow writer for " + v.getClass().getSimpleName());
        }
    }

    private static long epochMicros(Object value) {
        Instant instant;
        if (value instanceof Timestamp ts) instant = ts.toInstant();
        else if (value instanceof LocalDateTime ldt) instant = ldt.toInstant(ZoneOffset.UTC);
        else instant = (Instant) value;
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
