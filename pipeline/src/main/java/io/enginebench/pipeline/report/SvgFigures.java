package io.enginebench.pipeline.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBubbleRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Rectangle;

/** Static SVG versions of the charts (JFreeChart drawn onto JFreeSVG) for the Markdown report. */
public final class SvgFigures {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;

    /**
     * Strong, distinguishable colours on white (no pale yellow or light grey, which JFreeChart's default sequence
     * has); series beyond the palette cycle through it.
     */
    static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C),
        new Color(0xFF7F0E), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x17BECF),
        new Color(0x393B79), new Color(0x637939), new Color(0x843C39), new Color(0x7B4173), new Color(0x3182BD),
        new Color(0xE6550D), new Color(0x31A354), new Color(0x555555)};

    private SvgFigures() {}

    public static String svg(ChartData d, String id) {
        JFreeChart chart = switch (d.kind()) {
            case BAR -> bar(d);
            case LINE, HISTOGRAM -> line(d);
            case BUBBLE -> bubble(d);
        };
        fixLocale(chart);
        applyPalette(chart, d.series().size(), d.kind() == FigureSpec.Kind.BUBBLE ? 150 : 255);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF4F6F8));
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        // The default prefix of generated ids is time-based; a fixed one keeps the SVG byte-stable.
        g.setDefsKeyPrefix("eb-" + id + "-");
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument();
    }

    /** Tick labels follow the JVM's locale by default; the report must not. */
    private static void fixLocale(JFreeChart chart) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(java.util.Locale.ROOT);
        if (chart.getPlot() instanceof XYPlot xy) {
            for (var axis : new org.jfree.chart.axis.ValueAxis[] {xy.getDomainAxis(), xy.getRangeAxis()}) {
                if (axis instanceof org.jfree.chart.axis.NumberAxis n) {
                    n.setNumberFormatOverride(f);
                }
            }
        } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat
                && cat.getRangeAxis() instanceof org.jfree.chart.axis.NumberAxis n) {
            n.setNumberFormatOverride(f);
        }
    }

    private static void applyPalette(JFreeChart chart, int series, int alpha) {
        for (int i = 0; i < series; i++) {
            Color c = PALETTE[i % PALETTE.length];
            Color paint = new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
            if (chart.getPlot() instanceof XYPlot xy) {
                xy.getRenderer().setSeriesPaint(i, paint);
            } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat) {
                cat.getRenderer().setSeriesPaint(i, paint);
            }
        }
        if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat
                && cat.getRenderer() instanceof org.jfree.chart.renderer.category.BarRenderer br) {
            br.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
            br.setShadowVisible(false);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        }
    }

    private static JFreeChart bar(ChartData d) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (ChartData.Series s : d.series()) {
            for (ChartData.Point p : s.points()) {
                ds.addValue(p.y(), s.name(), p.xText());
            }
        }
        return ChartFactory.createBarChart(d.title(), d.xLabel(), d.yLabel(), ds, PlotOrientation.VERTICAL,
                true, false, false);
    }

    private static JFreeChart line(ChartData d) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (ChartData.Series s : d.series()) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (ChartData.Point p : s.points()) {
                xy.add(p.x(), p.y());
            }
            ds.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(d.title(), d.xLabel(), d.yLabel(), ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, d.kind() == FigureSpec.Kind.LINE);
        ((XYPlot) chart.getPlot()).setRenderer(r);
        return chart;
    }

    private static JFreeChart bubble(ChartData d) {
        DefaultXYZDataset ds = new DefaultXYZDataset();
        double maxSize = d.series().stream().flatMap(s -> s.points().stream())
                .mapToDouble(ChartData.Point::size).filter(v -> !Double.isNaN(v)).max().orElse(1);
        double yMax = d.series().stream().flatMap(s -> s.points().stream())
                .mapToDouble(ChartData.Point::y).max().orElse(1);
        for (ChartData.Series s : d.series()) {
            int n = s.points().size();
            double[][] xyz = new double[3][n];
            for (int i = 0; i < n; i++) {
                ChartData.Point p = s.points().get(i);
                xyz[0][i] = p.x();
                xyz[1][i] = p.y();
                // bubble diameter in y-axis units, scaled like the interactive chart's
                xyz[2][i] = PlotlyFigures.bubbleDiameter(p.size(), maxSize) / 450.0 * Math.max(yMax, 1e-9);
            }
            ds.addSeries(s.name(), xyz);
        }
        JFreeChart chart = ChartFactory.createBubbleChart(d.title(), d.xLabel(), d.yLabel(), ds,
                PlotOrientation.VERTICAL, true, false, false);
        ((XYPlot) chart.getPlot()).setRenderer(new XYBubbleRenderer(XYBubbleRenderer.SCALE_ON_RANGE_AXIS));
        chart.getXYPlot().getRenderer().setDefaultSeriesVisibleInLegend(true);
        return chart;
    }
}
