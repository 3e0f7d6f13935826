package io.enginebench.pipeline.report;

import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Building blocks shared by the report sections: the warehouse tables, tables with their provenance and
 * simulated-engine marks (and label-rule flags), charts that explain why they are missing, and the usual notices.
 */
public final class SectionKit {
    /** The tables the kit itself reads (simulated runs, label-rule flags), whatever the sections. */
    public static final List<WarehouseTable> TABLES = List.of(WarehouseTable.RUNS, WarehouseTable.DATA_QUALITY);
    static final List<String> ENGINE_COLUMNS = List.of("engine_group", "engine", "engine_variant", "engine_a",
            "engine_b", "winner", "leader");

    /** Markdown/HTML tables show at most this many rows; the CSV keeps every row. */
    public static final int MAX_ROWS = 40;
    public static final String UNKNOWN_MODEL = "(unknown model)";

    private final ReportInputs inputs;
    private final SimulatedRuns simulated;
    private final Set<String> usedCsvNames = new TreeSet<>();
    private CellFlags cellFlags;

    public SectionKit(ReportInputs inputs) {
        this.inputs = inputs;
        this.simulated = new SimulatedRuns(table(WarehouseTable.RUNS).orElse(null));
    }

    public Optional<Table> table(WarehouseTable table) {
        return inputs.table(table.tableName());
    }

    /** The label rules that fired, per cell (read once per report). */
    public CellFlags cellFlags() {
        if (cellFlags == null) {
            cellFlags = CellFlags.of(table(WarehouseTable.RUNS).orElse(null),
                    table(WarehouseTable.DATA_QUALITY).orElse(null));
        }
        return cellFlags;
    }

    public SimulatedRuns simulated() {
        return simulated;
    }

    /** True when any row of the table comes from a simulated run. */
    public boolean hasSimulated(Table t) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (simulated.isSimulatedRow(t, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The table block for the given columns (those that exist), sorted, capped at {@value #MAX_ROWS} rows, with the
     * source named and simulated rows marked; preceded by a simulated-engine notice when it applies.
     */
    public List<Block> table(Table t, WarehouseTable source, String csvBase, List<String> columns) {
        return table(t, source, csvBase, columns, MAX_ROWS, true);
    }

    /**
     * {@link #table(Table, WarehouseTable, String, List)} with a {@value CellFlags#COLUMN} column and its note when a
     * label rule fired in any of the rows' cells (tables without such findings are shown as they are).
     */
    public List<Block> flaggedTable(Table t, WarehouseTable source, String csvBase, List<String> columns) {
        Table annotated = cellFlags().annotate(t);
        Optional<Block> note = CellFlags.footnote(annotated);
        if (note.isEmpty()) {
            return table(t, source, csvBase, columns);
        }
        List<String> cols = new ArrayList<>(columns);
        cols.add(CellFlags.COLUMN);
        List<Block> b = new ArrayList<>(table(annotated, source, csvBase, cols));
        b.add(note.get());
        return b;
    }

    /**
     * As {@link #table(Table, String, String, List)}, showing at most {@code maxRows} rows; {@code sort} false keeps
     * the (already deterministic) order of {@code t}, e.g. a ranking.
     */
    public List<Block> table(Table t, WarehouseTable table, String csvBase, List<String> columns, int maxRows,
                             boolean sort) {
        String source = table.tableName();
        if (t.rowCount() == 0) {
            // an empty table says nothing a sentence cannot: which table, and that no run produced a row for it
            return List.of(new Block.Paragraph("Nothing to show here: no run in this warehouse produced a row of `"
                    + source + "` for this table (" + csvBase + ")."));
        }
        List<Block> out = new ArrayList<>();
        List<String> cols = TableQueries.existing(t, columns);
        // whole rows are sorted (shown columns first): the other columns identify simulated rows
        Table ordered = sort ? TableQueries.sortedByAll(reorder(t, cols)) : t;
        Table csv = TableQueries.sortedByAll(t);
        String csvName = uniqueCsvName(csvBase);
        out.add(new Block.Paragraph("Source: derived table `" + source + "` (" + t.rowCount() + " rows; CSV `tables/"
                + csvName + "`)."));
        if (hasSimulated(t)) {
            out.add(new Block.Notice("simulated engine: rows marked [sim] come from the built-in engine simulator, "
                    + "not from a real inference engine."));
        }
        List<List<String>> rows = new ArrayList<>();
        int shown = Math.min(maxRows, ordered.rowCount());
        for (int i = 0; i < shown; i++) {
            List<String> cells = new ArrayList<>();
            boolean marked = false;
            for (String c : cols) {
                String v = TableQueries.text(ordered, c, i);
                if (ENGINE_COLUMNS.contains(c) && simulated.isSimulatedEngineCell(ordered, i, c)) {
                    v = v + " [sim]";
                    marked = true;
                } else if (c.equals("model_name") && v.isEmpty()) {
                    v = UNKNOWN_MODEL;
                }
                cells.add(v);
            }
            marked |= cells.stream().anyMatch(c -> c.endsWith("[sim]"));
            if (!marked && !cells.isEmpty() && simulated.isSimulatedRow(ordered, i)) {
                cells.set(0, cells.get(0) + " [sim]");
            }
            rows.add(List.copyOf(cells));
        }
        out.add(new Block.TableBlock(source, csvName, List.copyOf(cols), List.copyOf(rows), csv,
                ordered.rowCount() - shown));
        return out;
    }

    /** The shown columns first (they decide the order), then the others (they keep rows identifiable). */
    private static Table reorder(Table t, List<String> first) {
        List<String> all = new ArrayList<>(first);
        for (String c : t.columnNames()) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return t.selectColumns(all.toArray(new String[0]));
    }

    private String uniqueCsvName(String base) {
        String name = base + ".csv";
        for (int n = 2; usedCsvNames.contains(name); n++) {
            name = base + "-" + n + ".csv";
        }
        usedCsvNames.add(name);
        return name;
    }

    /** A chart, or a sentence saying why it cannot be drawn. */
    public List<Block> chart(Table t, FigureSpec spec) {
        List<String> missing = ChartDataExtractor.missingColumns(t, spec);
        if (!missing.isEmpty()) {
            return List.of(new Block.Paragraph("Chart \"" + spec.title() + "\" not drawn: the table lacks column(s) "
                    + String.join(", ", missing) + "."));
        }
        t = splitSimulatedSeries(t, spec);
        ChartData d = ChartDataExtractor.extract(t, spec);
        if (d.isEmpty()) {
            return List.of(new Block.Paragraph("Chart \"" + spec.title() + "\" not drawn: no values."));
        }
        return List.of(new Block.FigureBlock(spec.id(), spec.title(), markSimulated(t, spec, d)));
    }

    /**
     * A series must never pool simulated and real rows (older warehouses name the simulator after the engine it
     * imitates): simulated rows get " [sim]" on their engine (or first) series column, which puts them in a series of their own.
     */
    private Table splitSimulatedSeries(Table t, FigureSpec spec) {
        if (spec.series().isEmpty() || !hasSimulated(t)) {
            return t;
        }
        // the engine column carries the mark when the series has one, as in the tables
        String col = spec.series().stream().filter(ENGINE_COLUMNS::contains).findFirst()
                .orElse(spec.series().get(0));
        Table out = t.copy();
        tech.tablesaw.api.StringColumn label = tech.tablesaw.api.StringColumn.create(col);
        for (int i = 0; i < out.rowCount(); i++) {
            String v = TableQueries.text(out, col, i);
            if (v.isEmpty() && col.equals("model_name")) {
                v = UNKNOWN_MODEL;
            }
            label.append(simulated.isSimulatedRow(t, i) && !v.endsWith("[sim]") ? v + " [sim]" : v);
        }
        out.replaceColumn(col, label);
        return out;
    }

    /**
     * Series holding a row of a simulated run carry the same [sim] mark as the tables; so do categories whose rows are
     * all simulated.
     */
    private ChartData markSimulated(Table t, FigureSpec spec, ChartData d) {
        Set<String> simSeries = new TreeSet<>();
        Set<String> realCategories = new TreeSet<>();
        Set<String> simCategories = new TreeSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            boolean sim = simulated.isSimulatedRow(t, i);
            String x = TableQueries.text(t, spec.x(), i);
            if (sim) {
                simSeries.add(ChartDataExtractor.seriesName(t, spec.series(), i));
                simCategories.add(x);
            } else {
                realCategories.add(x);
            }
        }
        simCategories.removeAll(realCategories);
        List<ChartData.Series> series = new ArrayList<>();
        for (ChartData.Series s : d.series()) {
            List<ChartData.Point> points = new ArrayList<>();
            for (ChartData.Point p : s.points()) {
                points.add(d.kind() == FigureSpec.Kind.BAR && simCategories.contains(p.xText())
                        ? new ChartData.Point(p.xText() + " [sim]", p.x(), p.y(), p.size()) : p);
            }
            boolean sim = simSeries.contains(s.name()) && !s.name().contains("[sim]");
            series.add(new ChartData.Series(sim ? s.name() + " [sim]" : s.name(), List.copyOf(points)));
        }
        return new ChartData(d.kind(), d.title(), d.xLabel(), d.yLabel(), List.copyOf(series));
    }

    public static Block noRuns(String what) {
        return new Block.Notice("no runs of this scenario (" + what + ") in the selected data.");
    }

    /**
     * The table when it has rows; otherwise empty, after adding to {@code blocks} the sentence that says why: the
     * warehouse lacks the table, or no run of {@code runs} is in the selected data.
     */
    public Optional<Table> rowsOf(WarehouseTable table, String runs, List<Block> blocks) {
        Optional<Table> t = table(table);
        if (t.isEmpty()) {
            blocks.add(missingTable(table));
            return Optional.empty();
        }
        if (t.get().rowCount() == 0) {
            blocks.add(noRuns(runs));
            return Optional.empty();
        }
        return t;
    }

    /** The notice for a derived table the warehouse lacks. */
    public static Block missingTable(WarehouseTable table) {
        return new Block.Notice("no data: the warehouse has no `" + table.tableName()
                + "` table (run `bench analyze`).");
    }

    public static Block h2(String text, String anchor) {
        return new Block.Heading(2, text, anchor);
    }

    public static Block h3(String text, String anchor) {
        return new Block.Heading(3, text, anchor);
    }
}
