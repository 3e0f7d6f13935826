package io.enginebench.pipeline.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The small dated report of a comparison: {@code compare.md} (verdict table, rule, gate), {@code compare.html} (the
 * same with a CI chart per gated or decided metric), {@code verdicts.csv} (every verdict at full precision).
 */
public final class CompareReport {
    /** Metrics charted when no gate names others: the headline's key metrics of the main report. */
    private static final Set<String> KEY_METRICS = Set.of("output_tps", "ttft_ms_p50", "ttft_sched_ms_p50",
            "tpot_ms_p50", "e2e_ms_p95", "e2e_sched_ms_p95", "error_rate", "output_tps_whole_run");
    private static final int MAX_CHARTS = 40;

    /**
     * What the report says about the comparison.
     *
     * @param title     e.g. {@code sim-vllm (baseline) vs sim-vllm-ngram (candidate)}
     * @param sides     one line per side: its selector or engine and how many runs it had
     * @param extra     further lines (the interleaved order of the runs), may be empty
     */
    public record Content(String title, List<String> sides, List<String> extra, List<Verdict> verdicts,
                         RegressionGate gate, RegressionGate.Result result) {}

    private CompareReport() {}

    /** Writes the three files into {@code dir} (created) and returns the HTML page. */
    public static Path write(Path dir, Content c) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("compare.md"), markdown(c), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("verdicts.csv"), VerdictTable.csv(c.verdicts(), c.gate()),
                    StandardCharsets.UTF_8);
            Path html = dir.resolve("compare.html");
            Files.writeString(html, html(c), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(Content c) {
        StringBuilder sb = new StringBuilder("# ").append(c.title()).append("\n\n");
        c.sides().forEach(s -> sb.append("- ").append(s).append("\n"));
        sb.append("\nRule: ").append(VerdictTable.rule()).append(" (a = baseline, b = candidate).\n\n");
        sb.append(outcome(c)).append("\n\n");
        c.result().reasons().forEach(r -> sb.append("- ").append(r).append("\n"));
        sb.append(c.result().reasons().isEmpty() ? "" : "\n");
        sb.append(VerdictTable.markdown(c.verdicts(), c.gate()));
        if (!c.extra().isEmpty()) {
            sb.append("\n");
            c.extra().forEach(l -> sb.append(l).append("\n"));
        }
        return sb.toString();
    }

    static String outcome(Content c) {
        return switch (c.result().outcome()) {
            case PASS -> c.gate().enabled() ? "**Gate: pass** — no gated metric regressed beyond its threshold with"
                    + " separated CIs." : "**Verdicts** (no regression gate set).";
            case REGRESSION -> "**Gate: REGRESSION** — " + c.result().reasons().size() + " metric(s) failed.";
            case INSUFFICIENT_DATA -> "**Insufficient data** — nothing could be judged.";
        };
    }

    static String html(Content c) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>").append(CiChart.esc(c.title())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse;font-size:0.85em}th,td{border:1px solid #ccc;padding:3px 6px}")
                .append("th{background:#eef}.fail{background:#fdd}</style>\n</head>\n<body>\n<h1>")
                .append(CiChart.esc(c.title())).append("</h1>\n<ul>\n");
        c.sides().forEach(s -> sb.append("<li>").append(CiChart.esc(s)).append("</li>\n"));
        sb.append("</ul>\n<p>Rule: ").append(CiChart.esc(VerdictTable.rule())).append(" (a = baseline, b = candidate)."
                + "</p>\n<p>").append(CiChart.esc(outcome(c).replace("**", ""))).append("</p>\n<ul>\n");
        c.result().reasons().forEach(r -> sb.append("<li>").append(CiChart.esc(r)).append("</li>\n"));
        sb.append("</ul>\n<table>\n<tr>");
        VerdictTable.HEADER.forEach(h -> sb.append("<th>").append(CiChart.esc(h)).append("</th>"));
        sb.append("</tr>\n");
        List<List<String>> rows = VerdictTable.rows(c.verdicts(), c.gate());
        for (int i = 0; i < rows.size(); i++) {
            sb.append(c.gate().regressed(c.verdicts().get(i)) ? "<tr class=\"fail\">" : "<tr>");
            rows.get(i).forEach(cell -> sb.append("<td>").append(CiChart.esc(cell)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<h2>Means and 95% CIs</h2>\n");
        int charts = 0;
        for (Verdict v : c.verdicts()) {
            boolean wanted = c.gate().enabled() ? c.gate().threshold(v.metric()) != null : KEY_METRICS.contains(v.metric());
            if (!wanted || charts++ >= MAX_CHARTS) continue;
            sb.append("<h3>").append(CiChart.esc(v.metric() + " — " + v.cell())).append("</h3>\n")
                    .append(CiChart.svg(v)).append("\n");
        }
        c.extra().forEach(l -> sb.append("<p>").append(CiChart.esc(l)).append("</p>\n"));
        return sb.append("</body>\n</html>\n").toString();
    }
}
