package io.enginebench.pipeline.sql.duckdb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkFunctionsTest {
    @Test
    void renamesSparkAggregatesOnlyWhereTheyAreCalled() {
        assertThat(SparkFunctions.rewrite("SELECT percentile(x, 0.5) FILTER (WHERE y), PERCENTILE (x, 0.9) AS percentile"
                + " FROM t.percentile"))
                .isEqualTo("SELECT quantile_cont(x, 0.5) FILTER (WHERE y), quantile_cont (x, 0.9) AS percentile"
                        + " FROM t.percentile");
        assertThat(SparkFunctions.rewrite("SELECT percentile_approx(x, 0.5), s.percentile(1)"))
                .isEqualTo("SELECT quantile_disc(x, 0.5), s.percentile(1)");
    }

    @Test
    void leavesStringsCommentsAndQuotedNamesAlone() {
        String sql = "SELECT 'percentile(x)', \"percentile\"(1) -- percentile(x)\n/* first(a, true) */ 'it''s'";
        assertThat(SparkFunctions.rewrite(sql)).isEqualTo(sql);
    }

    @Test
    void translatesFirstIgnoringNullsAndBackticks() {
        assertThat(SparkFunctions.rewrite("SELECT first(coalesce(a, ','), true), first(b, false), first(c), `my col`"))
                .isEqualTo("SELECT any_value(coalesce(a, ',')), first(b), first(c), \"my col\"");
        assertThat(SparkFunctions.rewrite("SELECT first(percentile(x, 0.5), TRUE)"))
                .isEqualTo("SELECT any_value(quantile_cont(x, 0.5))");
    }
}
