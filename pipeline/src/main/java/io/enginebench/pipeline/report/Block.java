package io.enginebench.pipeline.report;

import java.util.List;

/** One element of the report; the same blocks are rendered to Markdown and to HTML. */
public sealed interface Block {

    /** A section heading; {@code anchor} is a stable id for links. */
    record Heading(int level, String text, String anchor) implements Block {}

    /** Text with minimal inline markup: {@code `code`} and {@code **bold**}. */
    record Paragraph(String text) implements Block {}

    /** A highlighted notice (simulated-engine banner, missing data, client-bound runs). */
    record Notice(String text) implements Block {}

    /** A bulleted list. */
    record Bullets(List<String> items) implements Block {}

    /**
     * A table as shown (already sorted and formatted); {@code csvRows}, written to {@code tables/<csvName>}, holds
     * every column of the selected rows. {@code source} names the warehouse table the rows came from.
     */
    record TableBlock(String source, String csvName, List<String> header, List<List<String>> rows,
                      tech.tablesaw.api.Table csvRows) implements Block {}

    /** A chart: interactive page {@code figures/<id>.html}, static {@code figures/<id>.svg}. */
    record FigureBlock(String id, String title, ChartData data) implements Block {}
}
