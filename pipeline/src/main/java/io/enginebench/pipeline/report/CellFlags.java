package io.enginebench.pipeline.report;

import io.enginebench.pipeline.quality.FindingScope;
import io.enginebench.pipeline.quality.LabelRules;
import io.enginebench.pipeline.quality.Rules;
import io.enginebench.pipeline.warehouse.WarehouseTable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The label rules ({@link Rules#LABEL}) that fired in a report cell, so that tables show them next to the numbers they
 * concern. A finding belongs to its run's cell (model_name, engine_group = coalesce(engine_variant, engine), scenario)
 * and, through its {@link FindingScope}, to one level (level_index, concurrency, target_rate) or arm; a cell that does
 * not split by a dimension (a whole-run figure) includes every level and arm of its runs.
 */
public final class CellFlags {
    public static final String COLUMN = "flags";
    private static final double RATE_EPS = 1e-9;

    /** A report cell: null (or NaN) where the cell does not split by that dimension. */
    public record CellKey(String modelName, String engineGroup, String scenario, Integer maxTokens, String runUid,
                          Integer levelIndex, Integer concurrency, Double targetRate, String arm) {}

    private record Flag(String runUid, String modelName, String engineGroup, String scenario, Integer maxTokens,
                        FindingScope scope, String rule) {}

    /** What each rule means, for the note under a flagged table. */
    private static final Map<String, String> MEANING = Map.of(
            Rules.CONCURRENCY_BELOW_LABEL, String.format(Locale.ROOT, "mean requests in flight below %.0f %% of the "
                    + "concurrency label", 100 * LabelRules.MIN_CONCURRENCY_SHARE),
            Rules.RATE_OFF_TARGET, String.format(Locale.ROOT, "arrival rate more than %.0f %% from the target rate",
                    100 * LabelRules.RATE_TOLERANCE),
            Rules.STRUCTURED_TRUNCATED, "structured responses cut by max_tokens",
            Rules.IGNORE_EOS_NOT_HONOURED, "ignore_eos requested, responses stopped before max_tokens");

    private final List<Flag> flags;

    private CellFlags(List<Flag> flags) {
        this.flags = flags;
    }

    /** From the {@code runs} and {@code data_quality} tables (no flags when either is missing). */
    public static CellFlags of(ReportInputs inputs) {
        return of(inputs.table(WarehouseTable.RUNS.tableName()).orElse(null),
                inputs.table(WarehouseTable.DATA_QUALITY.tableName()).orElse(null));
    }

    public static CellFlags of(Table runs, Table dataQuality) {
        List<Flag> out = new ArrayList<>();
        if (runs == null || dataQuality == null) return new CellFlags(out);
        Map<String, Integer> rowOfRun = new HashMap<>();
        for (int i = 0; i < runs.rowCount(); i++) rowOfRun.put(TableQueries.text(runs, "run_uid", i), i);
        for (int i = 0; i < dataQuality.rowCount(); i++) {
            String rule = TableQueries.text(dataQuality, "rule", i);
            Integer r = rowOfRun.get(TableQueries.text(dataQuality, "run_uid", i));
            if (!Rules.LABEL.contains(rule) || r == null) continue;
            String variant = TableQueries.text(runs, "engine_variant", r);
            out.add(new Flag(TableQueries.text(runs, "run_uid", r), TableQueries.text(runs, "model_name", r),
                    variant.isEmpty() ? TableQueries.text(runs, "engine", r) : variant,
                    TableQueries.text(runs, "scenario", r),
                    integer(runs, "max_tokens", r), scope(dataQuality, i), rule));
        }
        return new CellFlags(out);
    }

    public boolean isEmpty() {
        return flags.isEmpty();
    }

    /** The label rules that fired for any run of the cell, in {@link Rules#LABEL} order. */
    public List<String> rules(CellKey cell) {
        Set<String> fired = new LinkedHashSet<>();
        for (Flag f : flags) if (matches(f, cell)) fired.add(f.rule());
        return Rules.LABEL.stream().filter(fired::contains).toList();
    }

    private static boolean matches(Flag f, CellKey c) {
        if (c.runUid() != null && !c.runUid().equals(f.runUid())) return false;
        if (c.modelName() != null && !c.modelName().equals(f.modelName())) return false;
        if (c.engineGroup() != null && !c.engineGroup().equals(f.engineGroup())) return false;
        if (c.scenario() != null && !c.scenario().equals(f.scenario())) return false;
        FindingScope s = f.scope();
        return agree(c.maxTokens(), f.maxTokens()) && agree(c.levelIndex(), s.levelIndex()) && agree(c.concurrency(), s.concurrency())
                && (c.targetRate() == null || s.targetRate() == null
                    || Math.abs(c.targetRate() - s.targetRate()) <= RATE_EPS * Math.max(1, c.targetRate()))
                && agree(c.arm(), s.arm());
    }

    private static <T> boolean agree(T cell, T scope) {
        return cell == null || scope == null || cell.equals(scope);
    }

    /** The cell of row {@code i}, from whichever key columns the table has. */
    public static CellKey key(Table t, int i) {
        return new CellKey(nonEmpty(TableQueries.text(t, "model_name", i)),
                nonEmpty(TableQueries.text(t, "engine_group", i)), nonEmpty(TableQueries.text(t, "scenario", i)),
                integer(t, "max_tokens", i), nonEmpty(TableQueries.text(t, "run_uid", i)),
                integer(t, "level_index", i), integer(t, "concurrency", i), real(t, "target_rate", i),
                nonEmpty(TableQueries.text(t, "arm", i)));
    }

    /**
     * A copy of {@code t} with a {@value #COLUMN} column: the label rules that fired in each row's cell,
     * comma-separated, empty when none. Tables without model_name or engine_group are returned as they are.
     */
    public Table annotate(Table t) {
        if (!TableQueries.has(t, "model_name") && !TableQueries.has(t, "engine_group")
                && !TableQueries.has(t, "run_uid")) return t;
        StringColumn col = StringColumn.create(COLUMN);
        for (int i = 0; i < t.rowCount(); i++) col.append(String.join(", ", rules(key(t, i))));
        Table out = t.copy();
        if (out.containsColumn(COLUMN)) out.removeColumns(COLUMN);
        return out.addColumns(col);
    }

    /** A note naming each label rule that appears in an annotated table, or empty when none does. */
    public static Optional<Block> footnote(Table annotated) {
        if (!TableQueries.has(annotated, COLUMN)) return Optional.empty();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < annotated.rowCount(); i++) {
            for (String r : TableQueries.text(annotated, COLUMN, i).split(", ")) if (!r.isEmpty()) seen.add(r);
        }
        List<String> shown = Rules.LABEL.stream().filter(seen::contains).toList();
        if (shown.isEmpty()) return Optional.empty();
        return Optional.of(new Block.Notice("`" + COLUMN + "`: a label of these cells did not hold in at least one "
                + "run — " + shown.stream().map(r -> "`" + r + "` (" + MEANING.get(r) + ")")
                .collect(Collectors.joining("; ")) + ". Details per run in the Data quality section."));
    }

    /** The level or arm a data_quality row is about (older warehouses without those columns: the whole run). */
    private static FindingScope scope(Table dq, int i) {
        return new FindingScope(integer(dq, "level_index", i), integer(dq, "concurrency", i),
                real(dq, "target_rate", i), nonEmpty(TableQueries.text(dq, "arm", i)));
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    private static Integer integer(Table t, String col, int i) {
        double v = TableQueries.number(t, col, i);
        return Double.isNaN(v) ? null : (int) Math.round(v);
    }

    private static Double real(Table t, String col, int i) {
        double v = TableQueries.number(t, col, i);
        return Double.isNaN(v) ? null : v;
    }
}
