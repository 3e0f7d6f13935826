package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.enginebench.pipeline.warehouse.WarehouseTable.SLO_SEARCH;
import static io.enginebench.pipeline.warehouse.WarehouseTable.WINNERS;

/**
 * The headline's SLO-search block: per engine, the highest rate that met the SLO (mean and 95% CI over iterations,
 * with each run's interval), and the engine pairs compared on it with the winners' rule. A search chooses its own
 * probe rates, so this answer, not a mix of the rates it tried, is what compares.
 */
final class SloSearchHeadline {
    static final String SCOPE = "slo_search";
    private SloSearchHeadline() {}

    static List<Block> blocks(SectionKit kit) {
        Optional<Table> s = kit.table(SLO_SEARCH);
        if (s.isEmpty()) {
            return List.of();
        }
        Table cells = TableQueries.whereEq(s.get(), "scope", "cell");
        if (cells.rowCount() == 0) {
            return List.of();
        }
        List<Block> b = new ArrayList<>();
        b.add(new Block.Heading(3, "SLO search: highest sustainable rate", "headline-slo-search"));
        b.add(new Block.Paragraph("`mean` ± `ci95_halfwidth`: the highest rate (req/s) that met the SLO, over "
                + "iterations (`sustainable_rate_low`: with the search's stated confidence, or its last passing rate "
                + "when it states none); `run_intervals`: each run's [passing, failing] rates. Engines compare on it "
                + "with the rule above; the probes' own figures are never pooled."));
        b.addAll(kit.table(cells, SLO_SEARCH, "headline-slo-search", List.of("model_name", "engine_group",
                "config_hash", "max_tokens", "latency_basis", "n", "mean", "ci95_halfwidth", "confidence",
                "run_intervals")));
        kit.table(WINNERS).map(w -> TableQueries.whereEq(w, "scope", SCOPE)).filter(w -> w.rowCount() > 0)
                .ifPresent(w -> b.addAll(kit.table(verdicts(w), WINNERS, "headline-slo-search-verdicts",
                        List.of("model_name", "config", "engines", "n", "sustainable_rate"))));
        return b;
    }

    private static Table verdicts(Table w) {
        Table out = Table.create("headline-slo-search-verdicts");
        for (String c : List.of("model_name", "config", "engines", "n", "sustainable_rate")) {
            out.addColumns(StringColumn.create(c));
        }
        for (int i = 0; i < w.rowCount(); i++) {
            String config = TableQueries.text(w, "config_hash", i);
            out.stringColumn("model_name").append(TableQueries.text(w, "model_name", i));
            out.stringColumn("config").append(config.length() > 8 ? config.substring(0, 8) : config);
            out.stringColumn("engines").append(TableQueries.text(w, "engine_a", i) + " vs "
                    + TableQueries.text(w, "engine_b", i));
            out.stringColumn("n").append(TableQueries.text(w, "n_a", i) + "/" + TableQueries.text(w, "n_b", i));
            out.stringColumn("sustainable_rate").append(Headline.verdict(w, i));
        }
        return out;
    }
}
