package io.enginebench.pipeline.report;

import io.enginebench.pipeline.warehouse.WarehouseTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes {@code <out>/<date>/}: final_report.md, final_report.html, figures/*.html and *.svg, tables/*.csv,
 * assets/plotly-*.js; then rebuilds {@code <out>/index.html}. Same inputs, same bytes (except the copied asset's
 * file time).
 */
public final class ReportBuilder {
    private final List<ReportSection> sections;

    /** A builder of reports made of these sections, in this order ({@code report.section.ReportSections.ALL}). */
    public ReportBuilder(List<ReportSection> sections) {
        this.sections = List.copyOf(sections);
    }

    /** Where the files went and what they hold. */
    public record Result(Path reportDir, Path markdown, Path html, Path index, int figures, int tables) {}

    public Result build(ReportInputs inputs, Path outDir, LocalDate date) {
        try {
            return write(inputs, outDir, date);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blocks of the report, header included. */
    public List<Block> blocks(ReportInputs inputs) {
        inputs.prefetch(tables().stream().map(WarehouseTable::tableName).toList());
        SectionKit kit = new SectionKit(inputs);
        List<Block> blocks = new ArrayList<>();
        SimulatedRuns sim = kit.simulated();
        if (!sim.isEmpty()) {
            blocks.add(new Block.Notice("simulated engine: this report includes runs against the built-in engine "
                    + "simulator (engine " + String.join(", ", sim.engineGroups()) + ", model "
                    + String.join(", ", sim.models()) + "; " + sim.runCount() + " run(s), "
                    + "runs.simulated = true" + clock(sim) + "). Their numbers describe the simulator, not a real inference engine; "
                    + "they are marked [sim] in every table and chart and never counted in the headline tally."));
        }
        inputs.filter().ifPresent(f -> blocks.add(new Block.Paragraph("Filter on runs: `" + f + "`.")));
        if (!inputs.filterNotes().isEmpty()) {
            List<String> notes = new ArrayList<>();
            inputs.filterNotes().forEach((t, n) -> notes.add("`" + t + "`: " + n));
            blocks.add(new Block.Bullets(notes));
        }
        List<Block> body = new ArrayList<>();
        for (ReportSection s : sections) {
            body.addAll(s.blocks(kit));
        }
        List<String> toc = new ArrayList<>();
        for (Block b : body) {
            if (b instanceof Block.Heading h && h.level() == 2) {
                toc.add(h.text());
            }
        }
        blocks.add(new Block.Paragraph("Contents: " + String.join(" · ", toc) + "."));
        blocks.addAll(body);
        return blocks;
    }

    /** Every table the report reads: the kit's own, then each section's, in the order they are first needed. */
    public List<WarehouseTable> tables() {
        Set<WarehouseTable> out = new LinkedHashSet<>(SectionKit.TABLES);
        for (ReportSection s : sections) {
            out.addAll(s.tables());
        }
        return List.copyOf(out);
    }

    /** The simulator's clock speed-up as the runs recorded it: simulated durations were divided by it. */
    static String clock(SimulatedRuns sim) {
        if (sim.speeds().isEmpty()) return "";
        return "; simulated clock " + sim.speeds().stream().map(v -> v == Math.rint(v) ? String.format("%.0f", v)
                : String.valueOf(v)).map(v -> v + "×").collect(java.util.stream.Collectors.joining(", "))
                + " faster than real time (runs.sim_speed): latencies and rates are measured on the real clock, so "
                + "a latency here is the simulated GPU's divided by that factor";
    }

    private Result write(ReportInputs inputs, Path outDir, LocalDate date) throws IOException {
        Path dir = outDir.resolve(date.toString());
        Path figures = dir.resolve("figures");
        Path tables = dir.resolve("tables");
        deleteTree(figures);
        deleteTree(tables);
        Files.createDirectories(figures);
        Files.createDirectories(tables);
        PlotlyAsset.copyTo(dir.resolve("assets"));

        List<Block> blocks = blocks(inputs);
        String title = "EngineBench report " + date;
        int nFigures = 0;
        int nTables = 0;
        for (Block b : blocks) {
            if (b instanceof Block.FigureBlock f) {
                Files.writeString(figures.resolve(f.id() + ".html"), PlotlyFigures.page(f.data(),
                        HtmlRenderer.divId(f.id()), "../assets/" + PlotlyAsset.FILE_NAME), StandardCharsets.UTF_8);
                Files.writeString(figures.resolve(f.id() + ".svg"), SvgFigures.svg(f.data(), f.id()),
                        StandardCharsets.UTF_8);
                nFigures++;
            } else if (b instanceof Block.TableBlock t && t.csvName() != null) {
                CsvWriter.write(t.csvRows(), tables.resolve(t.csvName()));
                nTables++;
            }
        }
        Path md = dir.resolve("final_report.md");
        Files.writeString(md, MarkdownRenderer.render(title, blocks), StandardCharsets.UTF_8);
        Path html = dir.resolve("final_report.html");
        Files.writeString(html, HtmlRenderer.render(title, blocks, "assets/" + PlotlyAsset.FILE_NAME),
                StandardCharsets.UTF_8);
        Path index = ReportIndex.rebuild(outDir);
        return new Result(dir, md, html, index, nFigures, nTables);
    }

    /** Stale figures or tables of an earlier build of the same date must not survive. */
    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
