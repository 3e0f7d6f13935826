package io.enginebench.pipeline.flightsql;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.spark.sql.types.DataTypes;
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
        Map<String, org.apache.spark.sql.types.DataType> columns = Map.of("n", DataTypes.LongType,
                "x", DataTypes.DoubleType, "c", DataTypes.IntegerType, "ok", DataTypes.BooleanType);
        var schema = QueryParameters.schema("SELECT * FROM t WHERE t.n >= ? AND `x` BETWEEN ? AND ? AND c IN (?, ?) "
                + "AND ok = ? AND s LIKE ? AND unknown = ? LIMIT ?", columns::get);
        assertThat(schema.getFields()).extracting(Field::getType).containsExactly(
                new ArrowType.Int(64, true), dbl(), dbl(), new ArrowType.Int(32, true), new ArrowType.Int(32, true),
                ArrowType.Bool.INSTANCE, ArrowType.Utf8.INSTANCE, ArrowType.Utf8.INSTANCE, new ArrowType.Int(32, true));
    }

    private static ArrowType dbl() {
        return new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
    }
}
