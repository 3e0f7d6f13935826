package io.enginebench.pipeline.warehouse;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Builds a Row of a given schema by column name, so code never depends on column positions. */
public final class RowBuilder {
    private final StructType schema;
    private final Object[] values;

    public RowBuilder(StructType schema) {
        this.schema = schema;
        this.values = new Object[schema.size()];
    }

    public RowBuilder set(String column, Object value) {
        values[schema.fieldIndex(column)] = value;
        return this;
    }

    public Row build() { return RowFactory.create(values.clone()); }
}
