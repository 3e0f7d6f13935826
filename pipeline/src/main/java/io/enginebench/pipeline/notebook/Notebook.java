package io.enginebench.pipeline.notebook;

import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL notebook in Databricks source format: first line {@code -- Databricks notebook source}, cells separated by
 * {@code -- COMMAND ----------} lines, markdown cells written as {@code -- MAGIC %md} / {@code -- MAGIC …} lines.
 */
public record Notebook(String name, List<Cell> cells) {
    public static final String HEADER = "-- Databricks notebook source";
    public static final String SEPARATOR = "-- COMMAND ----------";
    private static final String MAGIC = "-- MAGIC";

    public static Notebook parse(String name, String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new UserFacingException(name + ": not a notebook (first line must be '" + HEADER + "')");
        }
        List<Cell> cells = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.strip().equals(SEPARATOR)) {
                addCell(cells, current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        addCell(cells, current);
        return new Notebook(name, List.copyOf(cells));
    }

    /** The first markdown heading, else the notebook's name. */
    public String title() {
        for (Cell c : cells) {
            if (c instanceof Cell.Markdown md) {
                for (String l : md.text().lines().toList()) {
                    if (l.startsWith("#")) return l.replaceFirst("^#+\\s*", "").strip();
                }
            }
        }
        return name;
    }

    private static void addCell(List<Cell> cells, List<String> lines) {
        String source = String.join("\n", lines).strip();
        if (source.isEmpty()) return;
        List<String> nonBlank = source.lines().filter(l -> !l.isBlank()).toList();
        if (nonBlank.stream().allMatch(l -> l.startsWith(MAGIC))) {
            List<String> body = new ArrayList<>();
            for (String l : source.lines().toList()) {
                String s = l.startsWith(MAGIC) ? l.substring(MAGIC.length()) : l;
                body.add(s.startsWith(" ") ? s.substring(1) : s);
            }
            String first = body.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
            int at = body.indexOf(body.stream().filter(l -> !l.isBlank()).findFirst().orElse(""));
            String rest = String.join("\n", body.subList(at + 1, body.size()));
            String magic = first.split("\\s+")[0];
            if (magic.equals("%md")) {
                String inline = first.substring(magic.length()).strip();
                cells.add(new Cell.Markdown(((inline.isEmpty() ? "" : inline + "\n") + rest).strip()));
            } else {
                cells.add(new Cell.Skipped(magic, source));
            }
            return;
        }
        ChartSpec chart = null;
        List<String> statement = new ArrayList<>();
        for (String l : source.lines().toList()) {
            if (l.strip().startsWith(ChartSpec.PREFIX)) {
                if (chart != null) throw new UserFacingException("one chart line per cell: " + l.strip());
                chart = ChartSpec.parse(l);
            } else {
                statement.add(l);
            }
        }
        cells.add(new Cell.Sql(source, String.join("\n", statement).strip(), chart));
    }
}
