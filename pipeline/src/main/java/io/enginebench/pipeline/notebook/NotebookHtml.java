package io.enginebench.pipeline.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page for a run notebook: markdown rendered, SQL escaped, result tables (first
 * {@code tableRows} rows) and Plotly charts. Plotly is loaded from {@code plotly.js} next to the page (offline).
 * Script errors in the page are collected and shown at the top (and in {@code body[data-js-errors]}).
 */
public final class NotebookHtml {
    public static final String PLOTLY_FILE = "plotly.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Parser markdown = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).build();
    private final int tableRows;

    public NotebookHtml(int tableRows) {
        this.tableRows = tableRows;
    }

    /** {@code dialect}: the SQL the cells ran as ("DuckDB SQL", "Spark SQL"), named in the page's header line. */
    public String render(Notebook notebook, List<CellResult> results, String dialect) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(notebook.title())).append("</title>\n<style>").append(CSS).append("</style>\n")
                // before anything else, so failures of the scripts below are caught too
                .append("<script>window.__pageErrors=[];window.addEventListener('error',function(e){")
                .append("window.__pageErrors.push(String(e.message||e.type));},true);</script>\n")
                .append("<script src=\"").append(PLOTLY_FILE).append("\"></script>\n</head><body>\n")
                .append("<pre id=\"page-errors\" class=\"error\" hidden></pre>\n");
        long failed = results.stream().filter(CellResult::failedToRun).count();
        out.append("<p class=\"meta\">").append(escape(notebook.name())).append(": ").append(results.size())
                .append(" cells, ").append(failed).append(" failed, run as ").append(escape(dialect))
                .append("</p>\n");
        int index = 0;
        for (CellResult r : results) out.append(cell(r, index++));
        out.append("<script>(function(){var e=window.__pageErrors;document.body.setAttribute('data-js-errors',")
                .append("String(e.length));if(e.length){var p=document.getElementById('page-errors');")
                .append("p.textContent='Page errors:\\n'+e.join('\\n');p.hidden=false;}})();</script>\n")
                .append("</body></html>\n");
        return out.toString();
    }

    private String cell(CellResult r, int index) {
        StringBuilder out = new StringBuilder("<section class=\"cell\" id=\"cell-" + index + "\">\n");
        if (r.cell() instanceof Cell.Markdown md) {
            out.append("<div class=\"md\">").append(html.render(markdown.parse(md.text()))).append("</div>\n");
        } else if (r.cell() instanceof Cell.Skipped skipped) {
            out.append("<p class=\"meta\">").append(escape(skipped.magic()))
                    .append(" cell not run (only SQL and markdown cells are)</p>\n<pre class=\"sql\">")
                    .append(escape(skipped.source())).append("</pre>\n");
        } else if (r.cell() instanceof Cell.Sql sql) {
            out.append("<pre class=\"sql\">").append(escape(sql.source())).append("</pre>\n");
            if (r.failedToRun()) {
                out.append("<pre class=\"error cell-error\">").append(escape(r.error())).append("</pre>\n");
            } else if (sql.hasStatement()) {
                if (sql.chart() != null) out.append(chart(sql.chart(), r, index));
                out.append(table(r));
            }
        }
        return out.append("</section>\n").toString();
    }

    private String table(CellResult r) {
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        for (String c : r.columns()) out.append("<th>").append(escape(c)).append("</th>");
        out.append("</tr></thead><tbody>\n");
        int shown = Math.min(tableRows, r.rows().size());
        for (List<Object> row : r.rows().subList(0, shown)) {
            out.append("<tr>");
            for (Object v : row) {
                boolean num = v instanceof Number;
                out.append(num ? "<td class=\"num\">" : "<td>")
                        .append(v == null ? "<span class=\"null\">NULL</span>" : escape(text(v))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n<p class=\"meta\">");
        boolean more = r.truncated() || shown < r.rows().size();
        out.append(more ? "first " + shown + " rows shown" : shown + (shown == 1 ? " row" : " rows"));
        return out.append("</p>\n").toString();
    }

    private static String chart(ChartSpec spec, CellResult r, int index) {
        int xi = r.columns().indexOf(spec.x());
        int yi = r.columns().indexOf(spec.y());
        int ci = spec.color() == null ? -1 : r.columns().indexOf(spec.color());
        Map<String, Map<String, Object>> traces = new LinkedHashMap<>();
        for (List<Object> row : r.rows()) {
            String group = ci < 0 ? spec.y() : String.valueOf(row.get(ci));
            Map<String, Object> trace = traces.computeIfAbsent(group, g -> newTrace(spec, g));
            xs(trace).add(jsonValue(row.get(xi)));
            ys(trace).add(jsonValue(row.get(yi)));
        }
        Map<String, Object> layout = new LinkedHashMap<>();
        if (spec.title() != null) layout.put("title", Map.of("text", spec.title()));
        layout.put("xaxis", Map.of("title", Map.of("text", spec.x())));
        layout.put("yaxis", Map.of("title", Map.of("text", spec.y())));
        layout.put("margin", Map.of("t", spec.title() == null ? 20 : 50));
        if ("bar".equals(spec.kind())) layout.put("barmode", "group");
        String id = "chart-" + index;
        try {
            return "<div class=\"chart\" id=\"" + id + "\"></div>\n<script>Plotly.newPlot('" + id + "', "
                    + scriptSafe(JSON.writeValueAsString(new ArrayList<>(traces.values()))) + ", "
                    + scriptSafe(JSON.writeValueAsString(layout))
                    + ", {responsive: true, displaylogo: false});</script>\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> newTrace(ChartSpec spec, String name) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", "bar".equals(spec.kind()) ? "bar" : "scatter");
        if (!"bar".equals(spec.kind())) t.put("mode", "line".equals(spec.kind()) ? "lines+markers" : "markers");
        t.put("name", name);
        t.put("x", new ArrayList<>());
        t.put("y", new ArrayList<>());
        return t;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> xs(Map<String, Object> trace) {
        return (List<Object>) trace.get("x");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ys(Map<String, Object> trace) {
        return (List<Object>) trace.get("y");
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v instanceof BigDecimal d ? d.doubleValue() : v;
        }
        return text(v);
    }

    private static String text(Object v) {
        if (v instanceof Timestamp ts) return ts.toInstant().toString();
        if (v instanceof Date d) return d.toLocalDate().toString();
        return v.toString();
    }

    /** JSON inside a script element must not close it. */
    private static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
        body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
        .cell{margin:1.5em 0}
        pre.sql{background:#f5f5f7;border-left:3px solid #8a8fa3;padding:.6em .8em;overflow-x:auto;font-size:13px}
        pre.error{background:#fdecea;border-left:3px solid #c62828;padding:.6em .8em;white-space:pre-wrap}
        table{border-collapse:collapse;font-size:13px;margin:.5em 0}
        th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}
        th{background:#f0f0f0} td.num{text-align:right;font-variant-numeric:tabular-nums}
        .null{color:#999} .meta{color:#666;font-size:12px} .chart{width:100%;height:420px}
        """;
}
