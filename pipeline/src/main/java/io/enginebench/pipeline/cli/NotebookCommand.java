package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.notebook.NotebookRenderer;
import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench notebook FILE.sql}: runs a SQL notebook against the warehouse and renders one HTML page. */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = "Run every cell of a SQL notebook (Databricks source format) against the warehouse and write "
                + "an HTML page with the results and charts. Exits 1 if any cell failed (after rendering all). "
                + "The committed notebooks are written in the SQL both engines speak; a notebook's '-- engines:' "
                + "line names the engines it needs.")
public final class NotebookCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.sql", description = "the notebook")
    Path notebook;
    @Option(names = "--out", defaultValue = "reports/notebooks", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;
    @picocli.CommandLine.Mixin
    WarehouseOption warehouse;
    @picocli.CommandLine.Mixin
    EngineOption engine;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(notebook)) throw new UserFacingException("no such notebook: " + notebook);
        NotebookRenderer.Rendered r;
        try (QueryEngine e = SqlEngines.open(engine.choice(), warehouse.path(), "bench notebook")) {
            r = new NotebookRenderer(e).render(notebook, out);
        }
        spec.commandLine().getOut().println("wrote " + r.html() + " (" + r.cells() + " cells, " + r.failedCells()
                + " failed)");
        return r.failedCells() == 0 ? 0 : 1;
    }
}
