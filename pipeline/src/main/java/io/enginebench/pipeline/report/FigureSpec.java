package io.enginebench.pipeline.report;

import java.util.List;

/**
 * What to plot from a table: {@code x} and {@code y} columns, one series per distinct value of {@code series}
 * columns, and for bubbles a {@code size} column.
 */
public record FigureSpec(String id, Kind kind, String title, String x, String y, List<String> series, String size,
                        String xLabel, String yLabel) {

    public enum Kind {
        /** numeric x, lines through points sorted by x */
        LINE,
        /** categorical x, grouped bars */
        BAR,
        /** numeric x and y, marker area proportional to {@code size} */
        BUBBLE,
        /** pre-aggregated bins: x = bin centre, y = count, bars */
        HISTOGRAM
    }

    public static FigureSpec line(String id, String title, String x, String y, List<String> series) {
        return new FigureSpec(id, Kind.LINE, title, x, y, series, null, x, y);
    }

    public static FigureSpec bar(String id, String title, String x, String y, List<String> series) {
        return new FigureSpec(id, Kind.BAR, title, x, y, series, null, x, y);
    }

    public FigureSpec labels(String xl, String yl) {
        return new FigureSpec(id, kind, title, x, y, series, size, xl, yl);
    }

    /** Columns the table must have for this chart. */
    public List<String> requiredColumns() {
        java.util.List<String> cols = new java.util.ArrayList<>(List.of(x, y));
        cols.addAll(series);
        if (size != null) {
            cols.add(size);
        }
        return cols;
    }
}
