package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.QueryResult;
import io.enginebench.pipeline.sql.ResultPrinter;
import io.enginebench.pipeline.sql.SqlError;
import io.enginebench.pipeline.sql.SqlRunner;
import io.enginebench.pipeline.sql.SqlScript;
import io.enginebench.pipeline.sql.SqlShell;
import io.enginebench.trace.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Query the warehouse, read-only (views: runs, requests, chunks, engine_metrics, data_quality, "
                + "quarantine, derived tables). No statement: an interactive shell.",
                "A local warehouse is read by an embedded DuckDB (DuckDB SQL; answers in well under a second; Spark "
                        + "SQL's percentile, percentile_approx, try_divide, first(x, true) and backticks work too); a "
                        + "remote one (s3a://, hdfs://, gs://, abfs://) or --engine spark uses Spark (Spark SQL).",
                "docs/SQL.md says which functions each dialect has."})
public final class SqlCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SQL", description = "Statement(s), separated by ';'.")
    String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read statements from a file.")
    Path file;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    ResultPrinter.Format format;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N rows (default: 100 for --format table; csv and json export every row).")
    Integer limit;

    @Mixin
    WarehouseOption warehouse;

    @Mixin
    EngineOption engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (sql != null && file != null) throw new UserFacingException("sql: give either a statement or -f FILE");
        if (limit != null && limit < 1) throw new UserFacingException("sql: --limit must be at least 1");
        if (sql == null && file == null) {   // no query: the interactive shell
            try (QueryEngine e = SqlEngines.open(engine.choice(), warehouse.path(), "bench sql")) {
                SqlShell.interactive(e);
            }
            return 0;
        }
        String text = sql;
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new UserFacingException("sql: no such file: " + file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        try (QueryEngine e = SqlEngines.open(engine.choice(), warehouse.path(), "bench sql");
             QueryResult result = SqlRunner.run(e, SqlScript.split(text))) {
            PrintWriter out = spec.commandLine().getOut();
            if (limit != null) ResultPrinter.print(result, format, limit, out);
            else if (format.isMachineReadable()) ResultPrinter.printAll(result, format, out);
            else ResultPrinter.print(result, format, ResultPrinter.DEFAULT_TABLE_ROWS, out);
        } catch (SqlError e) {   // opening the warehouse, or a row that failed while it streamed
            throw new UserFacingException("sql: " + e.getMessage(), e);
        }
        return 0;
    }
}
