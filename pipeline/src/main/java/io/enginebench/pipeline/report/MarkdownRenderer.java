package io.enginebench.pipeline.report;

import java.util.List;

/** Renders blocks as GitHub-flavoured Markdown; figures link the static SVG and the interactive page. */
final class MarkdownRenderer {
    private MarkdownRenderer() {}

    static String render(String title, List<Block> blocks) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Block.Paragraph p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Block.Notice n) {
                sb.append("> **⚠ ").append(n.text()).append("**\n\n");
            } else if (b instanceof Block.Bullets l) {
                l.items().forEach(i -> sb.append("- ").append(i).append('\n'));
                sb.append('\n');
            } else if (b instanceof Block.TableBlock t) {
                table(sb, t);
            } else if (b instanceof Block.FigureBlock f) {
                sb.append("![").append(f.title()).append("](figures/").append(f.id()).append(".svg)\n\n")
                        .append("[interactive chart](figures/").append(f.id()).append(".html)\n\n");
            }
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, Block.TableBlock t) {
        if (t.rows().isEmpty()) {
            sb.append("_(no rows)_\n\n");
            return;
        }
        row(sb, t.header());
        sb.append('|');
        t.header().forEach(h -> sb.append(" --- |"));
        sb.append('\n');
        t.rows().forEach(r -> row(sb, r));
        sb.append('\n');
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        sb.append('\n');
    }
}
