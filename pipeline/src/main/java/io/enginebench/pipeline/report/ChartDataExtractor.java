package io.enginebench.pipeline.report;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns table rows into {@link ChartData} following a {@link FigureSpec}; rows with a missing x or y are skipped. */
public final class ChartDataExtractor {
    private ChartDataExtractor() {}

    /** Columns of the spec that the table lacks (empty when the chart can be drawn). */
    public static List<String> missingColumns(Table t, FigureSpec spec) {
        List<String> missing = new ArrayList<>();
        for (String c : spec.requiredColumns()) {
            if (!t.columnNames().contains(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    public static ChartData extract(Table t, FigureSpec spec) {
        Map<String, List<ChartData.Point>> bySeries = new TreeMap<>();
        Column<?> xc = t.column(spec.x());
        Column<?> yc = t.column(spec.y());
        boolean numericX = spec.kind() != FigureSpec.Kind.BAR;
        for (Row r : t) {
            int i = r.getRowNumber();
            if ((numericX && xc.isMissing(i)) || yc.isMissing(i)) {
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
                    .add(new ChartData.Point(category(spec, xc.isMissing(i) ? "" : Fmt.cell(xc.get(i))), x, y, size));
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

    static String seriesName(Table t, List<String> cols, int row) {
        if (cols.isEmpty()) {
            return "all";
        }
        List<String> parts = new ArrayList<>();
        for (String c : cols) {
            Object v = t.column(c).isMissing(row) ? null : t.column(c).get(row);
            String text = v == null ? "" : Fmt.cell(v);
            parts.add(!text.isEmpty() ? text : c.equals("model_name") ? SectionKit.UNKNOWN_MODEL : "?");
        }
        return String.join(" / ", parts);
    }

    private static String category(FigureSpec spec, String x) {
        return x.isEmpty() && spec.x().equals("model_name") ? SectionKit.UNKNOWN_MODEL : x;
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
