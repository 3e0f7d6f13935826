package io.enginebench.pipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The SQL part of the pipeline benchmark ({@code scripts/pipeline-bench --sql}): one warehouse ingested once, then
 * {@code bench sql} as a user runs it (a fresh process through {@code scripts/bench} each time) on each engine — a
 * {@code SELECT 1}, the analyst's TTFT question, and {@link #SCRIPT_QUERIES} such questions in one {@code -f}
 * process — then {@code bench notebook} on {@link #NOTEBOOK} and {@code bench sql-server} from its start to the first
 * JDBC answer to the TTFT question ({@link ServerBench}); each the median of {@link #REPEATS} runs, wall and CPU
 * (user + system) seconds.
 */
public final class SqlBench {
    /** TTFT p99 per engine and scenario over successful measured requests: a join of requests and runs. */
    public static final String TTFT_P99 = """
            SELECT u.engine, u.scenario, count(*) AS requests,
                   percentile((r.first_token_ns - r.sent_ns) / 1e6, 0.99) AS ttft_ms_p99
            FROM requests r JOIN runs u ON u.run_uid = r.run_uid
            WHERE r.outcome = 'ok' AND r.phase = 'measured'
            GROUP BY u.engine, u.scenario ORDER BY u.engine, u.scenario
            """;
    static final int REPEATS = 3;
    static final int SCRIPT_QUERIES = 10;
    /** The notebook timed: requests joined with runs, per-run percentiles, over the base tables only. */
    static final String NOTEBOOK = "notebooks/tail_latency_outliers.sql";
    private static final List<String> ENGINES = List.of("spark", "duckdb");

    private record Timing(double wall, double cpu) {}

    private SqlBench() {}

    static void run(Path repo, String input, Path work) throws Exception {
        Path wh = PipelineBench.fresh(work.resolve("wh-sql"));
        PipelineBench.timed(repo, work, "ingest", "ingest", input, "--warehouse", wh.toString());
        Path script = work.resolve("queries.sql");
        Files.writeString(script, (TTFT_P99.strip() + ";\n").repeat(SCRIPT_QUERIES));
        String notebooks = work.resolve("notebooks").toString();
        String[][] cases = {
            {"`bench sql`: `SELECT 1`, one-shot", "sql", "SELECT 1"},
            {"`bench sql`: TTFT p99 per engine and scenario, one-shot", "sql", TTFT_P99},
            {"`bench sql`: " + SCRIPT_QUERIES + " such queries in one `-f` process", "sql", "-f", script.toString()},
            {"`bench notebook " + NOTEBOOK + "`", "notebook", repo.resolve(NOTEBOOK).toString(), "--out", notebooks},
        };
        List<String> rows = new ArrayList<>();
        for (String[] c : cases) {
            StringBuilder row = new StringBuilder("| " + c[0] + " |");
            for (String engine : ENGINES) {
                Timing t = median(repo, work, engine, wh, Arrays.copyOfRange(c, 1, c.length));
                row.append(String.format(Locale.ROOT, " %.2f | %.2f |", t.wall(), t.cpu()));
            }
            rows.add(row.toString());
        }
        StringBuilder server = new StringBuilder("| `bench sql-server`: start to the first JDBC answer (TTFT p99) |");
        StringBuilder query = new StringBuilder("| `bench sql-server`: of which the query, once it listens |");
        for (String engine : ENGINES) {
            List<Timing> runs = new ArrayList<>();
            List<Timing> queries = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                ServerBench.Answer a = ServerBench.firstAnswer(repo, work, engine, wh, TTFT_P99);
                if (a.rows() == 0) throw new IllegalStateException("bench sql-server answered no rows on " + engine);
                runs.add(new Timing(a.wallSeconds(), a.cpuSeconds()));
                queries.add(new Timing(a.querySeconds(), Double.NaN));
            }
            Timing t = median(runs);
            server.append(String.format(Locale.ROOT, " %.2f | %.2f |", t.wall(), t.cpu()));
            query.append(String.format(Locale.ROOT, " %.2f | – |", median(queries).wall()));
        }
        rows.add(server.toString());
        rows.add(query.toString());
        System.out.println();
        System.out.println("| command | Spark wall s | Spark CPU s | DuckDB wall s | DuckDB CPU s |");
        System.out.println("|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.println();
    }

    /** {@code command}: the bench command and its arguments; the engine and the warehouse are added. */
    private static Timing median(Path repo, Path work, String engine, Path wh, String... command) throws Exception {
        List<Timing> runs = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            List<String> args = new ArrayList<>(List.of(command[0], "--engine", engine, "--warehouse", wh.toString()));
            args.addAll(List.of(command).subList(1, command.length));
            Path timing = work.resolve("sql.time");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", timing.toString(),
                    repo.resolve("scripts/bench").toString()));
            cmd.addAll(args);
            Path log = work.resolve(command[0] + "-" + engine + ".log");
            Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) throw new IllegalStateException("bench " + command[0] + " failed, see " + log);
            List<String> lines = Files.readAllLines(timing);
            String[] t = lines.get(lines.size() - 1).trim().split(" ");
            runs.add(new Timing(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2])));
        }
        return median(runs);
    }

    private static Timing median(List<Timing> runs) {
        double[] wall = runs.stream().mapToDouble(Timing::wall).sorted().toArray();
        double[] cpu = runs.stream().mapToDouble(Timing::cpu).sorted().toArray();
        return new Timing(wall[wall.length / 2], cpu[cpu.length / 2]);
    }
}
