package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultColumn;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Query results ({@link QueryResult}, whichever engine answered) as Arrow: strings, integers, doubles, booleans,
 * timestamps (µs, UTC), dates and decimals keep their type; the engines already hand out nested values as JSON text
 * and binary as base64.
 */
public final class ArrowResults {
    private ArrowResults() {}

    /** The Arrow schema of a result's columns (every field nullable). */
    public static Schema schema(List<ResultColumn> columns) {
        List<Field> fields = new ArrayList<>();
        for (ResultColumn c : columns) fields.add(new Field(c.name(), new FieldType(true, arrowType(c), null), null));
        return new Schema(fields);
    }

    static ArrowType arrowType(ResultColumn c) {
        return switch (c.type()) {
            case BYTE, SHORT, INT -> new ArrowType.Int(32, true);
            case LONG -> new ArrowType.Int(64, true);
            case FLOAT, DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case DECIMAL -> new ArrowType.Decimal(c.precision(), c.scale(), 128);
            case STRING -> ArrowType.Utf8.INSTANCE;
        };
    }

    /**
     * Fills {@code root} with up to {@code maxRows} rows from {@code rows}; returns the number written. The caller
     * sends the batch and calls again while rows remain.
     */
    public static int fill(VectorSchemaRoot root, Iterator<Object[]> rows, int maxRows) {
        root.allocateNew();
        List<FieldVector> vectors = root.getFieldVectors();
        int n = 0;
        while (n < maxRows && rows.hasNext()) {
            Object[] row = rows.next();
            for (int c = 0; c < vectors.size(); c++) set(vectors.get(c), n, row[c]);
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
            tv.setSafe(i, ChronoUnit.MICROS.between(Instant.EPOCH, ((Timestamp) value).toInstant()));
        } else if (v instanceof DateDayVector dd) {
            dd.setSafe(i, (int) ((Date) value).toLocalDate().toEpochDay());
        } else if (v instanceof DecimalVector dec) {
            dec.setSafe(i, ((BigDecimal) value).setScale(dec.getScale(), RoundingMode.HALF_UP));
        } else {
            throw new IllegalStateException("no Arrow writer for " + v.getClass().getSimpleName());
        }
    }
}
