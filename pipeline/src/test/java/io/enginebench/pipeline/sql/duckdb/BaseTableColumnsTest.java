package io.enginebench.pipeline.sql.duckdb;

import io.enginebench.pipeline.warehouse.Tables;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The DuckDB copy of the base tables' columns is Spark's canonical schema, column for column. */
class BaseTableColumnsTest {
    @Test
    void everyBaseTableHasSparksColumnsInSparksOrderAndTypes() {
        assertThat(BaseTableColumns.tables()).hasSize(Tables.BASE.size());
        for (WarehouseTable t : BaseTableColumns.tables()) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (StructField f : Tables.SCHEMAS.get(t.tableName()).fields()) {
                expected.put(f.name(), duckDb(f.dataType()));
            }
            assertThat(BaseTableColumns.of(t)).as(t.tableName()).containsExactlyEntriesOf(expected);
        }
    }

    private static String duckDb(DataType t) {
        if (t instanceof ArrayType a) return duckDb(a.elementType()) + "[]";
        if (t.equals(DataTypes.StringType)) return "VARCHAR";
        if (t.equals(DataTypes.IntegerType)) return "INTEGER";
        if (t.equals(DataTypes.LongType)) return "BIGINT";
        if (t.equals(DataTypes.DoubleType)) return "DOUBLE";
        if (t.equals(DataTypes.BooleanType)) return "BOOLEAN";
        if (t.equals(DataTypes.TimestampType)) return "TIMESTAMPTZ";
        throw new AssertionError("no DuckDB type for " + t);
    }
}
