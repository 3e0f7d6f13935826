package io.enginebench.pipeline.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders blocks as one self-contained HTML page whose charts use the bundled plotly.js (relative path). */
final class HtmlRenderer {
    static final String CSS = """
            body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.85em}
            th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#eef}
            .notice{background:#fff3cd;border-left:4px solid #e0a800;padding:0.5em 1em;margin:1em 0}
            .chart{width:900px;height:450px;margin-bottom:0.5em}
            code{background:#f3f3f3;padding:0 3px}
            """;
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

    private HtmlRenderer() {}

    static String render(String title, List<Block> blocks, String plotlyJsPath) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<script src=\"").append(plotlyJsPath).append("\"></script>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                sb.append("<h").append(h.level()).append(" id=\"").append(h.anchor()).append("\">")
                        .append(inline(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (b instanceof Block.Paragraph p) {
                sb.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Block.Notice n) {
                sb.append("<div class=\"notice\"><strong>⚠ ").append(inline(n.text())).append("</strong></div>\n");
            } else if (b instanceof Block.Bullets l) {
                sb.append("<ul>\n");
                l.items().forEach(i -> sb.append("<li>").append(inline(i)).append("</li>\n"));
                sb.append("</ul>\n");
            } else if (b instanceof Block.TableBlock t) {
                table(sb, t);
            } else if (b instanceof Block.FigureBlock f) {
                String div = divId(f.id());
                sb.append("<div id=\"").append(div).append("\" class=\"chart plotly-chart\"></div>\n")
                        .append(PlotlyFigures.figure(f.data()).asJavascript(div)).append('\n')
                        .append("<p><a href=\"figures/").append(f.id()).append(".html\">full-page chart</a> · ")
                        .append("<a href=\"figures/").append(f.id()).append(".svg\">SVG</a></p>\n");
            }
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** Tablesaw names a JavaScript variable after the div: keep it a valid identifier. */
    static String divId(String figureId) {
        return "fig_" + figureId.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static void table(StringBuilder sb, Block.TableBlock t) {
        if (t.rows().isEmpty()) {
            sb.append("<p><em>(no rows)</em></p>\n");
            return;
        }
        sb.append("<table>\n<tr>");
        t.header().forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : t.rows()) {
            sb.append("<tr>");
            r.forEach(c -> sb.append("<td>").append(escape(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    static String inline(String text) {
        String s = escape(text);
        s = CODE.matcher(s).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
        return BOLD.matcher(s).replaceAll(m -> "<strong>" + Matcher.quoteReplacement(m.group(1)) + "</strong>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
