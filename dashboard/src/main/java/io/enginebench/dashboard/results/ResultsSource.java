package io.enginebench.dashboard.results;

import io.enginebench.pipeline.compare.Comparison;
import io.enginebench.pipeline.compare.RunSelector;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import io.enginebench.trace.UserFacingException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the results browser reads from the warehouse. Rows are column name → value maps (timestamps as ISO-8601
 * text, NaN as null), in the column names of docs/WAREHOUSE.md and docs/DERIVED_TABLES.md.
 */
public interface ResultsSource extends AutoCloseable {
    /** True when there is a warehouse to read; when false no other method is called (and no engine is started). */
    boolean available();

    /** Whether the warehouse holds {@code table} (a derived table is missing until {@code bench analyze}). */
    default boolean has(WarehouseTable table) {
        return true;
    }

    /** Rows of the {@code runs} table, newest first. */
    List<Map<String, Object>> runs(RunFilter filter);

    Optional<Map<String, Object>> run(String runUid);

    /** Rows of the derived {@code run_summary} table for one run (scope run, then levels, then arms). */
    List<Map<String, Object>> runSummary(String runUid);

    /** Rows of the derived {@code winners} table for one scenario and model. */
    List<Map<String, Object>> winners(String scenario, String modelName);

    /** Rows of the derived {@code cell_summary} table for one scenario and model. */
    List<Map<String, Object>> cellSummary(String scenario, String modelName);

    /**
     * Baseline against candidate runs ({@link Comparison}, as {@code bench compare} does); needs the derived
     * {@code run_summary}.
     */
    default Comparison compare(RunSelector baseline, RunSelector candidate) {
        throw new UserFacingException("this results source cannot compare sets of runs");
    }

    @Override
    default void close() {}
}
