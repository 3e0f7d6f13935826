package io.enginebench.pipeline.notebook;

/** One notebook cell: markdown text, a SQL statement (with an optional chart), or a magic cell this tool skips. */
public sealed interface Cell permits Cell.Markdown, Cell.Sql, Cell.Skipped {
    /** {@code -- MAGIC %md} cell, the markdown without the magic prefixes. */
    record Markdown(String text) implements Cell {}

    /** A SQL cell: the text as written, the statement to run (chart lines removed) and the chart it asks for. */
    record Sql(String source, String statement, ChartSpec chart) implements Cell {
        public boolean hasStatement() {
            return statement.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("--"));
        }
    }

    /** A magic cell in another language ({@code %python}, {@code %scala}, …). */
    record Skipped(String magic, String source) implements Cell {}
}
