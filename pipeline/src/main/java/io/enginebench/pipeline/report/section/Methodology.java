package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.ReportSection;
import io.enginebench.pipeline.report.SectionKit;
import io.enginebench.pipeline.report.TableQueries;
import io.enginebench.pipeline.warehouse.WarehouseTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Metric definitions (docs/METRICS.md, shipped as a resource) and the selection policy of every table. */
public final class Methodology implements ReportSection {
    /** Metric definitions and selection policies, shipped next to the report classes. */
    private static final String RESOURCES = "/io/enginebench/pipeline/report/";

    @Override
    public List<WarehouseTable> tables() {
        return WarehouseTable.ofKind(WarehouseTable.Kind.DERIVED);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>();
        b.add(new Block.Heading(2, "Methodology", "methodology"));
        b.add(new Block.Paragraph("Every number in this report is read from a warehouse table named next to it; "
                + "nothing is computed while the benchmark runs. Metric definitions (docs/METRICS.md):"));
        b.add(resourceTable("metric_definitions.tsv", List.of("metric", "definition")));
        b.add(new Block.Paragraph("Selection of each table (docs/DERIVED_TABLES.md):"));
        b.add(resourceTable("table_selection.tsv", List.of("table", "grain", "selection")));
        Set<String> policies = new TreeSet<>();
        // every derived table but the legacy ones carries selection_policy; those without it add nothing
        for (WarehouseTable t : tables()) {
            kit.table(t).ifPresent(tab -> policies.addAll(TableQueries.distinct(tab, "selection_policy")));
        }
        b.add(new Block.Paragraph("Engine selection policy in effect: " + (policies.isEmpty() ? "not recorded"
                : String.join(", ", policies)) + " (`spec-separate` keeps speculative-decoding variants apart from "
                + "their base engine; `legacy-merge-spec` merges them as the older analyses did)."));
        return b;
    }

    private static Block resourceTable(String name, List<String> header) {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Methodology.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(List.of(line.split("\t", -1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Block.TableBlock(null, null, header, rows, null, 0);
    }
}
