package io.enginebench.pipeline.sql;

import io.enginebench.pipeline.spark.SharedSpark;
import io.enginebench.pipeline.sql.duckdb.DuckDbQueryEngine;
import io.enginebench.pipeline.sql.spark.SparkQueryEngine;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell driven by a script on a dumb terminal. */
class SqlShellTest {
    @TempDir
    Path tmp;

    private String runScript(String script, Path history) throws Exception {
        new TestWarehouse().register(SharedSpark.get());
        return runScript(new SparkQueryEngine(SharedSpark.get()), script, history);
    }

    private static String runScript(QueryEngine engine, String script, Path history) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB)
                .streams(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out).build()) {
            new SqlShell(engine, terminal, history, 2).run();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onDuckDbTheBannerNamesItsDialectAndTheShellWorksAlike() throws Exception {
        String out;
        try (QueryEngine duckdb = DuckDbQueryEngine.open(ParquetTestWarehouse.root().toString())) {
            out = runScript(duckdb, """
                    \\d
                    \\d quarantine
                    SELECT engine, count(*) AS n
                      FROM runs
                     GROUP BY engine ORDER BY engine;
                    SELECT percentile(request_index, 0.5) AS p FROM requests;
                    SELECT * FROM nowhere;
                    DROP TABLE runs;
                    \\q
                    """, tmp.resolve("history"));
        }
        assertThat(out).contains("Read-only DuckDB SQL over the warehouse (engine: duckdb)");
        assertThat(out).containsPattern("chunks +\\| requests exploded by content chunk")
                .containsPattern("source_path +\\| VARCHAR +\\| yes");
        assertThat(out).containsPattern("sglang +\\| 1\\R").containsPattern("vllm +\\| 2\\R").contains("(2 rows)");
        assertThat(out).containsPattern("\\Rp\\R---\\R1\\.0\\R");
        assertThat(out).containsPattern("ERROR: .*nowhere.*\\R");
        assertThat(out).contains("ERROR: read-only endpoint: only queries are allowed (got DROP)");
    }

    @Test
    void listsAndDescribesTablesAndRunsMultiLineQueries() throws Exception {
        Path history = tmp.resolve("history");
        String out = runScript("""
                \\d
                \\d quarantine
                SELECT engine, count(*) AS n
                  FROM runs
                 GROUP BY engine ORDER BY engine;
                SELECT request_index FROM requests ORDER BY request_index;
                SELECT * FROM nowhere;
                DROP TABLE runs;
                \\q
                SELECT 'never run';
                """, history);
        assertThat(out).contains("engine_metrics", "run_summary", "quarantine");
        assertThat(out).containsPattern("quarantine +\\| files that could not be ingested, with the reason")
                .containsPattern("chunks +\\| requests exploded by content chunk");
        assertThat(out).containsPattern("source_path +\\| string +\\| (yes|no)");
        assertThat(out).containsPattern("reason +\\| string");
        assertThat(out).containsPattern("sglang +\\| 1\\R").containsPattern("vllm +\\| 2\\R").contains("(2 rows)");
        assertThat(out).contains("(first 2 rows shown)");
        assertThat(out).containsPattern("ERROR: .*nowhere.*\\R");
        assertThat(out).containsPattern("ERROR: read-only endpoint: only queries are allowed \\(got DROP TABLE\\)");
        // the dumb terminal echoes the script first; after \q nothing runs
        assertThat(out.substring(out.lastIndexOf("sql> \\q"))).doesNotContain("never run");
        assertThat(Files.readString(history)).contains("GROUP BY engine ORDER BY engine;").contains("d quarantine");
    }
}
