package io.enginebench.pipeline.warehouse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spark's "table or view not found" about a registry table becomes the command that creates the table. */
class MissingTableHintTest {
    @Test
    void everyDerivedTableOfTheRegistryPointsToBenchAnalyze() {
        for (WarehouseTable t : WarehouseTable.ofKind(WarehouseTable.Kind.DERIVED)) {
            String spark = "[TABLE_OR_VIEW_NOT_FOUND] The table or view `" + t.tableName() + "` cannot be found.";
            assertThat(MissingTableHint.forError(spark)).as(t.tableName()).hasValueSatisfying(h ->
                    assertThat(h).contains("`" + t.tableName() + "`", "bench analyze"));
        }
        assertThat(MissingTableHint.forError("[TABLE_OR_VIEW_NOT_FOUND] The table or view `runs` cannot be found."))
                .hasValueSatisfying(h -> assertThat(h).contains("bench ingest"));
        assertThat(MissingTableHint.forError("[TABLE_OR_VIEW_NOT_FOUND] The table or view `my_own` cannot be found."))
                .isEmpty();
        assertThat(MissingTableHint.forError("[UNRESOLVED_COLUMN] `tpot`")).isEmpty();
    }
}
