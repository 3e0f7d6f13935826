package io.enginebench.pipeline.steps;

import io.enginebench.pipeline.analysis.EnginePolicy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PipelineSteps#analyze} wrote: every derived table with its rows, and where the time went.
 *
 * @param tables        in the analyses' order (tables are written a few at a time, so their seconds overlap)
 * @param intermediates seconds of each shared intermediate the tables build on, in the order computed
 * @param enginePolicy  how engines were grouped
 * @param openSeconds   Spark's start (when this step started it) and opening the warehouse
 * @param planSeconds   planning the tables and computing the intermediates
 * @param seconds       the whole step
 */
public record AnalyzeResult(List<DerivedTable> tables, Map<String, Double> intermediates, EnginePolicy enginePolicy,
        double openSeconds, double planSeconds, double seconds) {
    /** One derived table as written to {@code derived/<name>/} and {@code derived-csv/<name>.csv}. */
    public record DerivedTable(String name, long rows, double seconds) {}

    public AnalyzeResult {
        tables = List.copyOf(tables);
        intermediates = Collections.unmodifiableMap(new LinkedHashMap<>(intermediates));
    }

    /** Seconds spent computing and writing the tables, after planning. */
    public double writeSeconds() { return seconds - openSeconds - planSeconds; }
}
