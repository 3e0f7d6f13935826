package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What several sections' charts share: the series columns, the cap on models drawn, derived chart columns. */
final class SectionCharts {
    /** One series per model and engine. */
    static final List<String> ENGINE_SERIES = List.of("model_name", "engine_group");
    /** Charts draw at most this many models (the most measured ones) so that lines and legends stay readable. */
    static final int MAX_CHART_MODELS = 5;

    private SectionCharts() {}

    /**
     * The rows of the {@code k} models with the most measurements (sum of {@code weight}, ties by name; the unknown
     * model last), adding a sentence to {@code notes} when models were left out. Simulated models are always kept.
     */
    static Table topModels(Table t, String weight, int k, List<Block> notes) {
        if (!TableQueries.has(t, "model_name")) {
            return t;
        }
        Map<String, Double> w = new TreeMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double v = TableQueries.number(t, weight, i);
            w.merge(TableQueries.text(t, "model_name", i), Double.isNaN(v) ? 1 : v, Double::sum);
        }
        if (w.size() <= k) {
            return t;
        }
        List<String> ranked = new ArrayList<>(w.keySet());
        ranked.sort(java.util.Comparator.<String>comparingInt(m -> m.isEmpty() ? 1 : 0)
                .thenComparing(m -> -w.get(m)).thenComparing(m -> m));
        List<String> kept = ranked.subList(0, k);
        notes.add(new Block.Paragraph("The chart below draws the " + k + " most-measured of " + w.size() + " models ("
                + kept.stream().map(m -> m.isEmpty() ? SectionKit.UNKNOWN_MODEL : m)
                .collect(java.util.stream.Collectors.joining(", ")) + "); the table and CSV hold all of them."));
        return TableQueries.whereIn(t, "model_name", kept);
    }

    /** Adds request_rps_estimate = concurrency / e2e_ms_p50 × 1000 (Little's law, closed loop). */
    static Table withLittlesLaw(Table t) {
        Table out = t.copy();
        DoubleColumn est = DoubleColumn.create("request_rps_estimate", out.rowCount());
        for (int i = 0; i < out.rowCount(); i++) {
            double c = TableQueries.number(out, "concurrency", i);
            double e2e = TableQueries.number(out, "e2e_ms_p50", i);
            est.set(i, e2e > 0 ? c / e2e * 1000 : Double.NaN);
        }
        return out.addColumns(est);
    }
}
