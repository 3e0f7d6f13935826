package io.enginebench.pipeline.report;

import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the report builder gets its data: named tables (the warehouse's base tables {@code runs},
 * {@code engine_metrics}, {@code data_quality}, {@code quarantine} and the derived tables of {@code bench analyze}),
 * already restricted by the report's filter. The builder never computes statistics itself; it only selects,
 * sorts, formats and plots what these tables hold.
 */
public interface ReportInputs {

    /** The named table, or empty when the warehouse does not have it. */
    Optional<Table> table(String name);

    /** A hint that {@link #table} will be asked for these tables (inputs that read slowly may start now). */
    default void prefetch(List<String> names) {
    }

    /** One line per table saying how the filter applied to it (empty when there is no filter). */
    default Map<String, String> filterNotes() {
        return Map.of();
    }

    /** The filter expression in effect, or empty. */
    default Optional<String> filter() {
        return Optional.empty();
    }

    /** Inputs held in memory (tests, notebooks). */
    static ReportInputs of(Map<String, Table> tables) {
        Map<String, Table> copy = new TreeMap<>(tables);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
