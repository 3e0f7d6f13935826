package io.enginebench.pipeline.compare;

import java.util.Locale;

/**
 * A static SVG of one verdict: baseline and candidate means as horizontal bars with their 95% CI as whiskers, so the
 * reader sees whether the intervals separate. Self-contained (no script), for the comparison report's HTML page.
 */
final class CiChart {
    private static final int WIDTH = 560;
    private static final int LABEL = 90;
    private static final int ROW = 26;

    private CiChart() {}

    static String svg(Verdict v) {
        double max = Math.max(hi(v.meanBaseline(), v.ci95Baseline()), hi(v.meanCandidate(), v.ci95Candidate()));
        double scale = max > 0 ? (WIDTH - LABEL - 20) / max : 0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " role=\"img\" aria-label=\"%s\">", WIDTH, ROW * 2 + 24, esc(v.metric() + " " + v.cell())));
        bar(sb, 0, "baseline", v.meanBaseline(), v.ci95Baseline(), scale, "#1f77b4");
        bar(sb, 1, "candidate", v.meanCandidate(), v.ci95Candidate(), scale, "#d62728");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s — %s</text>", LABEL,
                ROW * 2 + 18, esc(v.metric()), esc(v.verdict())));
        return sb.append("</svg>").toString();
    }

    private static void bar(StringBuilder sb, int i, String label, Double mean, Double ci, double scale,
                            String colour) {
        int y = 4 + i * ROW;
        sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y + 15, label));
        if (mean == null) return;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\""
                + " fill-opacity=\"0.6\"/>", LABEL, y, Math.max(0, mean) * scale, colour));
        if (ci != null) {
            double lo = LABEL + Math.max(0, mean - ci) * scale;
            double hi = LABEL + (mean + ci) * scale;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\""
                    + " stroke-width=\"2\"/>", lo, hi, y + 9, y + 9));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>"
                    + "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>", lo, lo, y + 3, y + 15,
                    hi, hi, y + 3, y + 15));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>",
                LABEL + Math.max(0, mean + (ci == null ? 0 : ci)) * scale + 4, y + 14,
                esc(VerdictTable.side(mean, ci, -1).replace(" (-1)", ""))));
    }

    private static double hi(Double mean, Double ci) {
        return mean == null ? 0 : mean + (ci == null ? 0 : ci);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
