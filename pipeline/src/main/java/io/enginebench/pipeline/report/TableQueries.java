package io.enginebench.pipeline.report;

import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/** Small, type-tolerant helpers over Tablesaw tables (columns may arrive as strings, ints or doubles). */
public final class TableQueries {
    private TableQueries() {}

    /** Exact (case-sensitive) name match; called per cell, so it scans the columns instead of copying their names. */
    public static boolean has(Table t, String col) {
        for (int i = 0; i < t.columnCount(); i++) {
            if (t.column(i).name().equals(col)) {
                return true;
            }
        }
        return false;
    }

    public static Table where(Table t, IntPredicate row) {
        Selection sel = new BitmapBackedSelection();
        for (int i = 0; i < t.rowCount(); i++) {
            if (row.test(i)) {
                sel.add(i);
            }
        }
        return t.where(sel);
    }

    /** Rows whose {@code col} prints as one of {@code values}; a missing column matches nothing. */
    public static Table whereIn(Table t, String col, Collection<String> values) {
        if (!has(t, col)) {
            return t.emptyCopy();
        }
        return where(t, i -> values.contains(text(t, col, i)));
    }

    public static Table whereEq(Table t, String col, String value) {
        return whereIn(t, col, List.of(value));
    }

    /** The value as report text ("" for missing). */
    public static String text(Table t, String col, int row) {
        if (!has(t, col) || t.column(col).isMissing(row)) {
            return "";
        }
        return Fmt.cell(t.column(col).get(row));
    }

    public static double number(Table t, String col, int row) {
        if (!has(t, col) || t.column(col).isMissing(row)) {
            return Double.NaN;
        }
        return ChartDataExtractor.asDouble(t.column(col).get(row));
    }

    public static boolean isTrue(Table t, String col, int row) {
        String s = text(t, col, row);
        return s.equals("true") || s.equals("1");
    }

    /** Sorted distinct non-empty values of a column. */
    public static Set<String> distinct(Table t, String col) {
        Set<String> out = new TreeSet<>();
        if (has(t, col)) {
            for (int i = 0; i < t.rowCount(); i++) {
                String s = text(t, col, i);
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The columns of {@code wanted} that exist, in that order. */
    public static List<String> existing(Table t, List<String> wanted) {
        List<String> out = new ArrayList<>();
        for (String c : wanted) {
            if (has(t, c) && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A copy sorted by every column (in column order, text comparison of the formatted value, numbers numerically),
     * so that output never depends on the order rows arrived in.
     */
    public static Table sortedByAll(Table t) {
        Integer[] idx = new Integer[t.rowCount()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        // each cell's sort key is computed once, not in every comparison (formatting a cell is not cheap)
        List<SortKeys> keys = new ArrayList<>();
        for (String c : t.columnNames()) {
            keys.add(SortKeys.of(t, c));
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            for (SortKeys k : keys) {
                int r = k.compare(a, b);
                if (r != 0) {
                    return r;
                }
            }
            return 0;
        });
        Table out = t.emptyCopy();
        for (Integer i : idx) {
            out.append(t.row(i));
        }
        return out;
    }

    /** One column's cells as {@link #sortedByAll} compares them: numerically (numeric columns), else as text. */
    private record SortKeys(boolean numeric, double[] numbers, String[] texts) {
        static SortKeys of(Table t, String c) {
            double[] numbers = new double[t.rowCount()];
            String[] texts = new String[t.rowCount()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = number(t, c, i);
                texts[i] = text(t, c, i);
            }
            return new SortKeys(t.column(c) instanceof tech.tablesaw.api.NumericColumn<?>, numbers, texts);
        }

        int compare(int a, int b) {
            double x = numbers[a];
            double y = numbers[b];
            if (numeric && !(Double.isNaN(x) && Double.isNaN(y))) {
                if (Double.isNaN(x)) {
                    return 1;
                }
                if (Double.isNaN(y)) {
                    return -1;
                }
                return Double.compare(x, y);
            }
            return texts[a].compareTo(texts[b]);
        }
    }
}
