package io.enginebench.pipeline.report;

import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Page;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.util.ArrayList;
import java.util.List;

/** Interactive Plotly figures through Tablesaw's jsplot; plotly.js is always loaded from a local, relative path. */
public final class PlotlyFigures {
    private PlotlyFigures() {}

    public static Figure figure(ChartData d) {
        List<Trace> traces = new ArrayList<>();
        double maxSize = d.series().stream().flatMap(s -> s.points().stream())
                .mapToDouble(ChartData.Point::size).filter(v -> !Double.isNaN(v)).max().orElse(1);
        for (ChartData.Series s : d.series()) {
            List<ChartData.Point> p = s.points();
            double[] y = p.stream().mapToDouble(ChartData.Point::y).toArray();
            switch (d.kind()) {
                case BAR -> traces.add(BarTrace.builder(p.stream().map(ChartData.Point::xText).toArray(), y)
                        .name(safe(s.name())).build());
                case HISTOGRAM -> traces.add(BarTrace.builder(p.stream().map(ChartData.Point::x).toArray(), y)
                        .name(safe(s.name())).opacity(0.6).build());
                case LINE -> traces.add(ScatterTrace.builder(p.stream().mapToDouble(ChartData.Point::x).toArray(), y)
                        .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(safe(s.name())).build());
                case BUBBLE -> {
                    double[] sizes = p.stream().mapToDouble(pt -> bubbleDiameter(pt.size(), maxSize)).toArray();
                    traces.add(ScatterTrace.builder(p.stream().mapToDouble(ChartData.Point::x).toArray(), y)
                            .mode(ScatterTrace.Mode.MARKERS).name(safe(s.name()))
                            .marker(Marker.builder().size(sizes).opacity(0.6).build()).build());
                }
            }
        }
        Layout.LayoutBuilder layout = Layout.builder().title(safe(d.title())).height(450).width(900)
                .xAxis(Axis.builder().title(safe(d.xLabel())).build())
                .yAxis(Axis.builder().title(safe(d.yLabel())).build());
        if (d.kind() == FigureSpec.Kind.HISTOGRAM) {
            layout.barMode(Layout.BarMode.OVERLAY);
        }
        return new Figure(layout.build(), traces.toArray(new Trace[0]));
    }

    /** Marker diameter in px: area proportional to the value (e.g. model parameters); unknown sizes get a small dot. */
    static double bubbleDiameter(double size, double max) {
        if (Double.isNaN(size) || max <= 0) {
            return 8;
        }
        return 8 + 42 * Math.sqrt(Math.max(0, size) / max);
    }

    /** A stand-alone page for {@code figures/<id>.html}. */
    public static String page(ChartData d, String divId, String plotlyJsPath) {
        return Page.pageBuilder(figure(d), divId).plotlyJsLocation(plotlyJsPath).build().asJavascript();
    }

    /** Tablesaw's templates put text inside single-quoted JavaScript strings: keep it inert there. */
    static String safe(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "/").replace("'", "’").replace("\n", " ").replace("<", "‹").replace(">", "›");
    }
}
