package io.enginebench.pipeline.report.section;

import io.enginebench.pipeline.report.Block;
import io.enginebench.pipeline.report.CellFlags;
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

import static io.enginebench.pipeline.warehouse.WarehouseTable.DATA_QUALITY;
import static io.enginebench.pipeline.warehouse.WarehouseTable.DATA_QUALITY_SUMMARY;
import static io.enginebench.pipeline.warehouse.WarehouseTable.QUARANTINE;
import static io.enginebench.pipeline.warehouse.WarehouseTable.RUNS;

/** "Data quality": findings by rule, quarantined files and client-bound runs. */
public final class DataQuality implements ReportSection {
    private static final int MAX_FINDINGS = 40;

    @Override
    public List<WarehouseTable> tables() {
        return List.of(DATA_QUALITY_SUMMARY, DATA_QUALITY, QUARANTINE, RUNS);
    }

    @Override
    public List<Block> blocks(SectionKit kit) {
        List<Block> b = new ArrayList<>(List.of(SectionKit.h2("Data quality", "data-quality")));
        Optional<Table> dq = kit.table(DATA_QUALITY_SUMMARY);
        if (dq.isPresent() && dq.get().rowCount() > 0) {
            b.addAll(kit.table(dq.get(), DATA_QUALITY_SUMMARY, "data-quality-summary",
                    List.of("rule", "severity", "source", "count")));
        } else {
            b.add(new Block.Paragraph("No data-quality findings" + (dq.isEmpty() ? " (no `data_quality_summary`)."
                    : ".")));
        }
        kit.table(DATA_QUALITY).filter(q -> q.rowCount() > 0).ifPresent(q -> {
            b.add(new Block.Paragraph("Top findings: one row per rule, errors first, then by number of findings, with "
                    + "the first affected file as an example (every finding is in the CSV of `data_quality`)."));
            b.addAll(kit.table(topFindings(q), DATA_QUALITY, "data-quality-top", List.of("severity", "rule",
                    "findings", "runs", "example_path", "example_detail"), MAX_FINDINGS, false));
            b.addAll(kit.table(q, DATA_QUALITY, "data-quality", List.of("rule"), 0, false));
            Table labels = TableQueries.whereIn(q, "rule", io.enginebench.pipeline.quality.Rules.LABEL);
            if (labels.rowCount() > 0) {
                b.add(new Block.Paragraph("Labels that did not hold (" + labels.rowCount() + " findings; the tables "
                        + "above mark the affected cells in their `" + CellFlags.COLUMN + "` column):"));
                List<String> shown = java.util.stream.Stream.of("rule", "run_uid", "level_index", "concurrency",
                        "target_rate", "arm", "detail").filter(c -> TableQueries.has(labels, c)).toList();
                b.addAll(kit.table(labels, DATA_QUALITY, "data-quality-labels", shown));
            }
        });
        kit.table(QUARANTINE).filter(q -> q.rowCount() > 0).ifPresent(q -> {
            b.add(new Block.Notice(q.rowCount() + " file(s) could not be ingested (quarantine)."));
            b.addAll(kit.table(q, QUARANTINE, "quarantine", List.of("source_path", "reason")));
        });
        kit.table(RUNS).ifPresent(r -> {
            Table cb = TableQueries.where(r, i -> TableQueries.isTrue(r, "client_bound", i));
            if (cb.rowCount() > 0) {
                b.add(new Block.Notice(cb.rowCount() + " run(s) were client-bound (the load generator could not "
                        + "keep its schedule): their latencies include client delay."));
                b.addAll(kit.table(cb, RUNS, "client-bound-runs", List.of("run_uid", "engine", "engine_variant",
                        "model_name", "scenario", "schedule_lag_p99_ms")));
            } else {
                b.add(new Block.Paragraph("No run was client-bound (schedule lag within threshold)."));
            }
        });
        return b;
    }

    /** Findings grouped by rule and severity: counts, distinct runs, the first finding (by path) as an example. */
    static Table topFindings(Table q) {
        Map<List<String>, List<Integer>> groups = new TreeMap<>((a, c) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", c)));
        for (int i = 0; i < q.rowCount(); i++) {
            groups.computeIfAbsent(List.of(TableQueries.text(q, "severity", i), TableQueries.text(q, "rule", i)),
                    k -> new ArrayList<>()).add(i);
        }
        List<Map.Entry<List<String>, List<Integer>>> ranked = new ArrayList<>(groups.entrySet());
        List<String> severities = List.of("error", "warning", "info");
        ranked.sort(java.util.Comparator.<Map.Entry<List<String>, List<Integer>>>comparingInt(e -> {
            int r = severities.indexOf(e.getKey().get(0));
            return r < 0 ? severities.size() : r;
        }).thenComparingInt(e -> -e.getValue().size()).thenComparing(e -> e.getKey().get(1)));
        Table out = Table.create("data-quality-top");
        for (String c : List.of("severity", "rule")) {
            out.addColumns(tech.tablesaw.api.StringColumn.create(c));
        }
        out.addColumns(tech.tablesaw.api.IntColumn.create("findings"), tech.tablesaw.api.IntColumn.create("runs"));
        for (String c : List.of("example_path", "example_detail")) {
            out.addColumns(tech.tablesaw.api.StringColumn.create(c));
        }
        for (Map.Entry<List<String>, List<Integer>> e : ranked) {
            java.util.Set<String> runs = new java.util.TreeSet<>();
            int first = -1;
            for (int i : e.getValue()) {
                String uid = TableQueries.text(q, "run_uid", i);
                if (!uid.isEmpty()) {
                    runs.add(uid);
                }
                if (first < 0 || (TableQueries.text(q, "source_path", i) + TableQueries.text(q, "detail", i)).compareTo(
                        TableQueries.text(q, "source_path", first) + TableQueries.text(q, "detail", first)) < 0) {
                    first = i;
                }
            }
            out.stringColumn("severity").append(e.getKey().get(0));
            out.stringColumn("rule").append(e.getKey().get(1));
            out.intColumn("findings").append(e.getValue().size());
            out.intColumn("runs").append(runs.size());
            out.stringColumn("example_path").append(TableQueries.text(q, "source_path", first));
            String detail = TableQueries.text(q, "detail", first);
            out.stringColumn("example_detail").append(detail.length() > 160 ? detail.substring(0, 157) + "…"
                    : detail);
        }
        return out;
    }
}
