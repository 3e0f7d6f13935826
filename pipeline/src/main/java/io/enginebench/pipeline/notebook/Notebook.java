package io.enginebench.pipeline.notebook;

import io.enginebench.pipeline.sql.EngineChoice;
import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A SQL notebook in Databricks source format: first line {@code -- Databricks notebook source}, cells separated by
 * {@code -- COMMAND ----------} lines, markdown cells written as {@code -- MAGIC %md} / {@code -- MAGIC …} lines.
 * A line {@code -- engines: duckdb, spark} right under the header names the query engines whose dialect the cells
 * are written in ({@code engines} is empty when the notebook does not say).
 */
public record Notebook(String name, List<Cell> cells, List<String> engines) {
    public static final String HEADER = "-- Databricks notebook source";
    public static final String SEPARATOR = "-- COMMAND ----------";
    public static final String ENGINES = "-- engines:";
    private static final String MAGIC = "-- MAGIC";
    private static final List<String> ENGINE_NAMES = List.of(EngineChoice.duckdb.name(), EngineChoice.spark.name());

    public static Notebook parse(String name, String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new UserFacingException(name + ": not a notebook (first line must be '" + HEADER + "')");
        }
        int first = 1;
        while (first < lines.size() && lines.get(first).isBlank()) first++;
        List<String> engines = List.of();
        if (first < lines.size() && lines.get(first).strip().startsWith(ENGINES)) {
            engines = engineNames(lines.get(first++));
        }
        List<Cell> cells = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines.subList(first, lines.size())) {
            if (line.strip().equals(SEPARATOR)) {
                addCell(cells, current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        addCell(cells, current);
        return new Notebook(name, List.copyOf(cells), engines);
    }

    /** Whether the notebook says it runs on {@code engine} (a notebook that names no engine runs on any). */
    public boolean runsOn(String engine) {
        return engines.isEmpty() || engines.contains(engine.toLowerCase(Locale.ROOT));
    }

    private static List<String> engineNames(String line) {
        List<String> names = Arrays.stream(line.strip().substring(ENGINES.length()).split("[,\\s]+"))
                .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        for (String n : names) {
            if (!ENGINE_NAMES.contains(n)) {
                throw new UserFacingException("unknown engine '" + n + "' in '" + line.strip() + "' (engines: "
                        + String.join(", ", ENGINE_NAMES) + ")");
            }
        }
        return names;
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
