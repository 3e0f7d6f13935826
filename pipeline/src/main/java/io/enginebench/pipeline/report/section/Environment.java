package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.enginebench.pipeline.warehouse.WarehouseTable.RUNS;

/** "Environment": the distinct engine, version, model, hardware and load-generator combinations of the runs. */
public final class Environment implements ReportSection {
    @Override
    public List<WarehouseTable> tables() {
        return List.of(RUNS);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Environment", "environment")));
        Optional<Table> runs = kit.table(RUNS);
        if (runs.isEmpty() || runs.get().rowCount() == 0) {
            b.add(new Block.Notice("no runs in the selected data."));
            return b;
        }
        Table r = runs.get();
        List<String> keys = TableQueries.existing(r, List.of("source", "engine", "engine_variant", "engine_version",
                "simulated", "model_name", "model_params_b", "hardware", "loadgen_version"));
        Table counted = countBy(r, keys);
        b.add(new Block.Paragraph("Distinct combinations of engine, version, model, hardware and load generator "
                + "over the selected runs, with the number of runs of each."));
        List<String> cols = new ArrayList<>(keys);
        cols.add("runs");
        b.addAll(kit.table(counted, RUNS, "environment", cols));
        return b;
    }

    /** Distinct value combinations of {@code keys} (as text) with the number of rows of each. */
    private static Table countBy(Table r, List<String> keys) {
        Map<List<String>, Integer> counts = new TreeMap<>((a, c) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", c)));
        for (int i = 0; i < r.rowCount(); i++) {
            List<String> k = new ArrayList<>();
            for (String c : keys) {
                k.add(TableQueries.text(r, c, i));
            }
            counts.merge(k, 1, Integer::sum);
        }
        Table out = Table.create("environment");
        for (String c : keys) {
            out.addColumns(tech.tablesaw.api.StringColumn.create(c));
        }
        tech.tablesaw.api.IntColumn n = tech.tablesaw.api.IntColumn.create("runs");
        out.addColumns(n);
        counts.forEach((k, v) -> {
            for (int j = 0; j < k.size(); j++) {
                out.stringColumn(j).append(k.get(j));
            }
            n.append(v);
        });
        return out;
    }
}
