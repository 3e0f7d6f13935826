package io.enginebench.pipeline.notebook;

import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Notebook file in, HTML page (plus plotly.js beside it) out, its cells run on one {@link QueryEngine}. A notebook
 * that names the engines it is written for ({@code -- engines:}) and not this one is refused before any cell runs.
 */
public final class NotebookRenderer {
    /** Where the plotly.js-dist webjar keeps its bundle (version = the pinned webjar). */
    static final String PLOTLY_RESOURCE = "META-INF/resources/webjars/plotly.js-dist/2.35.3/plotly.js";
    public static final int MAX_ROWS = 10_000;
    public static final int TABLE_ROWS = 200;

    /** The page written and how many cells failed. */
    public record Rendered(Path html, int cells, int failedCells) {}

    private final QueryEngine engine;

    public NotebookRenderer(QueryEngine engine) {
        this.engine = engine;
    }

    public Rendered render(Path notebookFile, Path outDir) {
        String text;
        try {
            text = Files.readString(notebookFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot read notebook " + notebookFile + ": " + e.getMessage(), e);
        }
        String name = notebookFile.getFileName().toString().replaceFirst("\\.sql$", "");
        Notebook notebook = Notebook.parse(name, text);
        if (!notebook.runsOn(engine.name())) {
            throw new UserFacingException(notebookFile + " is written for " + String.join(" or ", notebook.engines())
                    + " (its -- engines: line), not " + engine.name() + ": run it with --engine "
                    + notebook.engines().get(0));
        }
        List<CellResult> results = new NotebookRunner(engine, MAX_ROWS).run(notebook);
        String page = new NotebookHtml(TABLE_ROWS).render(notebook, results, engine.dialect());
        try {
            Files.createDirectories(outDir);
            Path html = outDir.resolve(name + ".html");
            Files.writeString(html, page, StandardCharsets.UTF_8);
            copyPlotly(outDir.resolve(NotebookHtml.PLOTLY_FILE));
            int failed = (int) results.stream().filter(CellResult::failedToRun).count();
            return new Rendered(html, results.size(), failed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyPlotly(Path target) throws IOException {
        try (InputStream in = NotebookRenderer.class.getClassLoader().getResourceAsStream(PLOTLY_RESOURCE)) {
            if (in == null) throw new IllegalStateException("plotly.js webjar missing from the classpath");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
