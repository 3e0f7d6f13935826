package io.enginebench.pipeline.report;

import java.util.List;

/** Plot-ready data, independent of the drawing library: series of points, sorted and named deterministically. */
public record ChartData(FigureSpec.Kind kind, String title, String xLabel, String yLabel, List<Series> series) {

    /** {@code xText} is the category for bars; {@code x} the number otherwise; {@code size} only for bubbles. */
    public record Point(String xText, double x, double y, double size) {}

    public record Series(String name, List<Point> points) {}

    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.points().isEmpty());
    }
}
