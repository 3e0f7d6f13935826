package io.enginebench.pipeline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Turns table rows into {@link ChartData} following a {@link ChartSpec}; rows with a missing x or y are skipped. */
public final class ChartDataExtractor {
    private ChartDataExtractor() {}

    /** Columns of the spec that the table lacks (empty when the chart can be drawn). */
    public static List<String> missingColumns(Table t, ChartSpec spec) {
        List<String> missing = new ArrayList<>();
        for (String c : spec.requiredColumns()) {
            if (!t.columnNames().contains(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    public static ChartData extract(Table t, ChartSpec spec) {
        Map<String, List<ChartData.Point>> bySeries = new TreeMap<>();
        Column<?> xc = t.column(spec.x());
        Column<?> yc = t.column(spec.y());
        boolean numericX = spec.kind() != ChartSpec.Kind.BAR;
        for (Row r : t) {
            int i = r.getRowNumber();
            if (xc.isMissing(i) || yc.isMissing(i)) {
                continue;
            }
            double y = asDouble(yc.get(i));
            double x = numericX ? asDouble(xc.get(i)) : Double.NaN;
            if (Double.isNaN(y) || (numericX && Double.isNaN(x))) {
                continue;
            }
            double size = spec.size() == null || t.column(spec.size()).isMissing(i)
                    ? Double.NaN : asDouble(t.column(spec.size()).get(i));
            bySeries.computeIfAbsent(seriesName(t, spec.series(), i), k -> new ArrayList<>())
                    .add(new ChartData.Point(Fmt.cell(xc.get(i)), x, y, size));
        }
        Comparator<ChartData.Point> order = numericX
                ? Comparator.comparingDouble(ChartData.Point::x).thenComparingDouble(ChartData.Point::y)
                : Comparator.comparing(ChartData.Point::xText).thenComparingDouble(ChartData.Point::y);
        List<ChartData.Series> series = new ArrayList<>();
        bySeries.forEach((name, pts) -> {
            pts.sort(order);
            series.add(new ChartData.Series(name, List.copyOf(pts)));
        });
        return new ChartData(spec.kind(), spec.title(), spec.xLabel(), spec.yLabel(), List.copyOf(series));
    }

    private static String seriesName(Table t, List<String> cols, int row) {
        if (cols.isEmpty()) {
            return "all";
        }
        List<String> parts = new ArrayList<>();
        for (String c : cols) {
            Object v = t.column(c).get(row);
            parts.add(v == null ? "?" : Fmt.cell(v));
        }
        return String.join(" / ", parts);
    }

    static double asDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
