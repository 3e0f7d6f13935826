package io.enginebench.pipeline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.Table;

/**
 * Building blocks shared by the report sections: tables with their provenance and simulated-engine marks, charts
 * that explain why they are missing, and the "no runs of this scenario" notice.
 */
public final class SectionKit {
    static final List<String> ENGINE_COLUMNS = List.of("engine_group", "engine", "engine_variant", "engine_a",
            "engine_b", "winner", "leader");

    private final ReportInputs inputs;
    private final Set<String> simulatedEngines;
    private final Set<String> usedCsvNames = new TreeSet<>();

    public SectionKit(ReportInputs inputs) {
        this.inputs = inputs;
        this.simulatedEngines = simulatedEngines(inputs.table("runs").orElse(null));
    }

    public Optional<Table> table(String name) {
        return inputs.table(name);
    }

    public Set<String> simulatedEngines() {
        return simulatedEngines;
    }

    /**
     * Engine groups ({@code coalesce(engine_variant, engine)}, the identity the analyses compare) that include
     * simulated runs. The family alone is not used: a simulator imitating vllm must not mark real vllm rows.
     */
    static Set<String> simulatedEngines(Table runs) {
        Set<String> out = new TreeSet<>();
        if (runs == null) {
            return out;
        }
        for (int i = 0; i < runs.rowCount(); i++) {
            if (Tables.isTrue(runs, "simulated", i)) {
                String engine = Tables.text(runs, "engine", i);
                String variant = Tables.text(runs, "engine_variant", i);
                out.add(variant.isEmpty() ? engine : variant);
            }
        }
        out.remove("");
        return out;
    }

    /** True when any row of the table comes from a simulated engine. */
    public boolean hasSimulated(Table t) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (isSimulatedRow(t, i)) {
                return true;
            }
        }
        return false;
    }

    private boolean isSimulatedRow(Table t, int i) {
        if (Tables.has(t, "simulated")) {
            return Tables.isTrue(t, "simulated", i);
        }
        for (String c : ENGINE_COLUMNS) {
            if (simulatedEngines.contains(Tables.text(t, c, i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The table block for the given columns (those that exist), sorted, with the source named and simulated rows
     * marked; preceded by a simulated-engine notice when it applies.
     */
    public List<Block> table(Table t, String source, String csvBase, List<String> columns) {
        List<Block> out = new ArrayList<>();
        List<String> cols = Tables.existing(t, columns);
        Table shown = Tables.sortedByAll(t.selectColumns(cols.toArray(new String[0])));
        Table csv = Tables.sortedByAll(t);
        String csvName = uniqueCsvName(csvBase);
        out.add(new Block.Paragraph("Source: derived table `" + source + "` (" + t.rowCount() + " rows; CSV `tables/"
                + csvName + "`)."));
        if (hasSimulated(t)) {
            out.add(new Block.Notice("simulated engine: rows marked [sim] come from the built-in engine simulator, "
                    + "not from a real inference engine."));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < shown.rowCount(); i++) {
            List<String> cells = new ArrayList<>();
            for (String c : cols) {
                String v = Tables.text(shown, c, i);
                if (ENGINE_COLUMNS.contains(c) && simulatedEngines.contains(v)) {
                    v = v + " [sim]";
                }
                cells.add(v);
            }
            if (Tables.has(shown, "simulated") && Tables.isTrue(shown, "simulated", i)
                    && cols.stream().noneMatch(ENGINE_COLUMNS::contains)) {
                cells.set(0, cells.get(0) + " [sim]");
            }
            rows.add(List.copyOf(cells));
        }
        out.add(new Block.TableBlock(source, csvName, List.copyOf(cols), List.copyOf(rows), csv));
        return out;
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
    public List<Block> chart(Table t, ChartSpec spec) {
        List<String> missing = ChartDataExtractor.missingColumns(t, spec);
        if (!missing.isEmpty()) {
            return List.of(new Block.Paragraph("Chart \"" + spec.title() + "\" not drawn: the table lacks column(s) "
                    + String.join(", ", missing) + "."));
        }
        ChartData d = ChartDataExtractor.extract(t, spec);
        if (d.isEmpty()) {
            return List.of(new Block.Paragraph("Chart \"" + spec.title() + "\" not drawn: no values."));
        }
        return List.of(new Block.FigureBlock(spec.id(), spec.title(), markSimulated(d)));
    }

    /** Legends and categories naming a simulated engine carry the same [sim] mark as the tables. */
    private ChartData markSimulated(ChartData d) {
        List<ChartData.Series> series = new ArrayList<>();
        for (ChartData.Series s : d.series()) {
            List<ChartData.Point> points = new ArrayList<>();
            for (ChartData.Point p : s.points()) {
                points.add(simulatedEngines.contains(p.xText())
                        ? new ChartData.Point(p.xText() + " [sim]", p.x(), p.y(), p.size()) : p);
            }
            boolean sim = java.util.Arrays.stream(s.name().split(" / ")).anyMatch(simulatedEngines::contains);
            series.add(new ChartData.Series(sim ? s.name() + " [sim]" : s.name(), List.copyOf(points)));
        }
        return new ChartData(d.kind(), d.title(), d.xLabel(), d.yLabel(), List.copyOf(series));
    }

    public static Block noRuns(String what) {
        return new Block.Notice("no runs of this scenario (" + what + ") in the selected data.");
    }
}
