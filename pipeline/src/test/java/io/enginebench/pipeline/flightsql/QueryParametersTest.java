package io.enginebench.pipeline.flightsql;

import io.enginebench.pipeline.sql.PlainType;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the {@code ?} markers are and which type each is announced as. */
class QueryParametersTest {
    @Test
    void markersInsideQuotesIdentifiersAndCommentsAreText() {
        String sql = "SELECT '?', `a?` FROM t -- what?\nWHERE x = ? /* ? */ AND y = \"?\" AND z IN (?, ?)";
        assertThat(QueryParameters.markers(sql)).hasSize(3)
                .allSatisfy(i -> assertThat(sql.charAt(i)).isEqualTo('?'));
    }

    @Test
    void eachParameterTakesTheTypeOfTheColumnItMeets() {
        Map<String, PlainType> columns = Map.of("n", PlainType.LONG, "x", PlainType.DOUBLE, "c", PlainType.INT,
                "ok", PlainType.BOOLEAN);
        var schema = QueryParameters.schema("SELECT * FROM t WHERE t.n >= ? AND `x` BETWEEN ? AND ? AND c IN (?, ?) "
                + "AND ok = ? AND s LIKE ? AND unknown = ? LIMIT ?", columns::get);
        assertThat(schema.getFields()).extracting(Field::getType).containsExactly(
                new ArrowType.Int(64, true), dbl(), dbl(), new ArrowType.Int(32, true), new ArrowType.Int(32, true),
                ArrowType.Bool.INSTANCE, ArrowType.Utf8.INSTANCE, ArrowType.Utf8.INSTANCE, new ArrowType.Int(32, true));
    }

    @Test
    void tableColumnsReadTheTypeNamesOfBothEngines() {
        assertThat(TableColumns.column("a", "bigint").type()).isEqualTo(PlainType.LONG);
        assertThat(TableColumns.column("a", "BIGINT").type()).isEqualTo(PlainType.LONG);
        assertThat(TableColumns.column("a", "INTEGER").type()).isEqualTo(PlainType.INT);
        assertThat(TableColumns.column("a", "TIMESTAMP WITH TIME ZONE").type()).isEqualTo(PlainType.TIMESTAMP);
        assertThat(TableColumns.column("a", "timestamp_ntz").type()).isEqualTo(PlainType.TIMESTAMP);
        assertThat(TableColumns.column("a", "array<bigint>").type()).isEqualTo(PlainType.STRING);
        assertThat(TableColumns.column("a", "BIGINT[]").type()).isEqualTo(PlainType.STRING);
        assertThat(TableColumns.column("a", "DECIMAL(10,2)")).isEqualTo(
                new io.enginebench.pipeline.sql.ResultColumn("a", PlainType.DECIMAL, 10, 2));
    }

    private static ArrowType dbl() {
        return new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
    }
}
