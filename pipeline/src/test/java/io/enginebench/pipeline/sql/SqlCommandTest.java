package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.PipelineMain;
import io.enginebench.pipeline.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench sql --engine spark}: the Spark path (the DuckDB one is {@code DuckDbSqlCommandTest}). */
class SqlCommandTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        SharedSpark.get(); // the command reuses the test JVM's session
        String[] withEngine = new String[args.length + 2];
        withEngine[0] = args[0];
        withEngine[1] = "--engine";
        withEngine[2] = "spark";
        System.arraycopy(args, 1, withEngine, 3, args.length - 1);
        return execute(withEngine);
    }

    static Result execute(String... args) {
        CommandLine cl = PipelineMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsAnAlignedTableWithARowLimit(@TempDir Path tmp) {
        Result r = run("sql", "--warehouse", tmp.toString(), "--limit", "2",
                "SELECT id, concat('v', id) AS name FROM range(5) ORDER BY id");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                id | name
                ---+-----
                0  | v0
                1  | v1
                (showing the first 2 rows; use --limit to see more)
                """);
    }

    @Test
    void runsAScriptAndPrintsTheLastResultAsCsvOrJson(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("q.sql");
        Files.writeString(f, "SELECT 1 AS first; -- a comment; here\n"
                + "SELECT s, n FROM VALUES ('a;b', 1) AS t(s, n);\n");
        Result csv = run("sql", "--warehouse", tmp.resolve("wh").toString(), "-f", f.toString(), "--format", "csv");
        assertThat(csv.out()).isEqualTo("s,n\na;b,1\n");
        Result json = run("sql", "--warehouse", tmp.resolve("wh").toString(), "--format", "json",
                "SELECT 'a;b' AS s, 1 AS n");
        assertThat(json.out().trim()).isEqualTo("{\"s\":\"a;b\",\"n\":1}");
        assertThat(run("sql", "--warehouse", tmp.toString(), "SELECT COUNT(*) AS n FROM runs").out())
                .contains("0");
    }

    @Test
    void machineFormatsExportEveryRowUnlessLimitIsGiven(@TempDir Path tmp) {
        String wh = tmp.toString();
        String query = "SELECT id FROM range(250) ORDER BY id";
        assertThat(run("sql", "--warehouse", wh, "--format", "csv", query).out().lines()).hasSize(251);
        assertThat(run("sql", "--warehouse", wh, "--format", "json", query).out().lines()).hasSize(250)
                .last().isEqualTo("{\"id\":249}");
        assertThat(run("sql", "--warehouse", wh, "--format", "csv", "--limit", "7", query).out().lines()).hasSize(8);
        // the table keeps its default limit and says so
        assertThat(run("sql", "--warehouse", wh, query).out())
                .contains("(showing the first 100 rows; use --limit to see more)");
    }

    @Test
    void aDerivedTableOfAnUnanalysedWarehouseNamesBenchAnalyze(@TempDir Path tmp) {
        Result r = run("sql", "--warehouse", tmp.toString(), "SELECT * FROM goodput");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("`goodput` is a derived table", "run `bench analyze`");
    }

    @Test
    void badSqlIsAOneLineErrorWithExitCode2(@TempDir Path tmp) {
        Result parse = run("sql", "--warehouse", tmp.toString(), "SELEC nothing");
        assertThat(parse.code()).isEqualTo(2);
        assertThat(parse.err().lines()).hasSize(1);
        assertThat(parse.err()).startsWith("bench-pipeline sql: sql: syntax error: [PARSE_SYNTAX_ERROR]");
        Result analysis = run("sql", "--warehouse", tmp.toString(), "SELECT nope FROM runs");
        assertThat(analysis.code()).isEqualTo(2);
        assertThat(analysis.err().lines()).hasSize(1);
        assertThat(analysis.err()).contains("UNRESOLVED_COLUMN");
    }

    @Test
    void writesAreRefusedWithOneLine(@TempDir Path tmp) {
        Result r = run("sql", "--warehouse", tmp.toString(), "CREATE TEMP VIEW t AS SELECT 1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("read-only endpoint: only queries are allowed");
    }
}
