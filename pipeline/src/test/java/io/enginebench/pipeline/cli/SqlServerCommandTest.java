package io.enginebench.pipeline.cli;

import io.enginebench.pipeline.bench.SqlBench;
import io.enginebench.pipeline.sql.ParquetTestWarehouse;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SqlServerCommandTest {
    @Test
    void defaultsBindLoopback() {
        SqlServerCommand cmd = new SqlServerCommand();
        new CommandLine(cmd).parseArgs();
        assertThat(cmd.bind).isEqualTo("127.0.0.1");
    }

    @Test
    void aNonLoopbackBindWithoutATokenExitsWithOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SqlServerCommand())
                .setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--bind", "0.0.0.0", "--port", "0", "--warehouse", "no-such-warehouse")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("sql-server: sql-server on 0.0.0.0 would be open").contains("--token-env");
    }

    @Test
    void aMissingTokenVariableIsAUserError() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SqlServerCommand())
                .setExecutionExceptionHandler(OneLineErrors.fromEnvironment());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--token-env", "BENCH_TEST_UNSET_TOKEN_VARIABLE")).isEqualTo(2);
        assertThat(err.toString()).contains("BENCH_TEST_UNSET_TOKEN_VARIABLE").contains("not set");
    }

    @Test
    void aOneShotJdbcClientGetsTheTtftP99AnswerFromDuckDb() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SqlServerCommand()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(new StringWriter()));
        Path warehouse = ParquetTestWarehouse.root();
        Thread serving = new Thread(() -> cl.execute("--engine", "duckdb", "--port", "0", "--warehouse",
                warehouse.toString()), "sql-server-under-test");
        serving.start();
        try {
            String url = jdbcUrl(out, serving);
            assertThat(out.toString()).contains("(DuckDB SQL)");
            List<String> rows = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(SqlBench.TTFT_P99)) {
                while (rs.next()) {
                    rows.add(rs.getString("engine") + " " + rs.getString("scenario") + " " + rs.getLong("requests")
                            + " " + Math.round(rs.getDouble("ttft_ms_p99") * 100) / 100.0);
                }
            }
            // sglang 40, 45 ms; vllm 50, 60, 80, 90, 100, 300 ms (native and legacy): p99 between the top two
            assertThat(rows).containsExactly("sglang prefix_sharing_benefit 2 44.95",
                    "vllm prefix_sharing_benefit 6 290.0");
        } finally {
            serving.interrupt();   // the command closes its server when its thread is interrupted
            serving.join(30_000);
        }
        assertThat(serving.isAlive()).isFalse();
    }

    /** The URL the command printed once it listens. */
    private static String jdbcUrl(StringWriter out, Thread serving) throws InterruptedException {
        Pattern printed = Pattern.compile("JDBC: (\\S+)");
        for (int i = 0; i < 600 && serving.isAlive(); i++) {
            Matcher m = printed.matcher(out.toString());
            if (m.find()) return m.group(1);
            Thread.sleep(100);
        }
        throw new AssertionError("sql-server printed no JDBC URL: " + out);
    }

    @Test
    void helpNamesTheAccessOptions() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SqlServerCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("--token-env", "--tls-cert", "--tls-key", "--insecure-no-auth",
                "--engine");
    }
}
