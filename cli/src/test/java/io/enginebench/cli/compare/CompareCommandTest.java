package io.enginebench.cli.compare;

import io.enginebench.cli.Bench;
import io.enginebench.dashboard.results.ResultsApi;
import io.enginebench.dashboard.results.RunFolderIndex;
import io.enginebench.dashboard.results.SparkResultsSource;
import io.enginebench.dashboard.results.WarehouseTables;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.config.SpecConfig;
import io.enginebench.pipeline.spark.Sessions;
import io.enginebench.pipeline.steps.PipelineSteps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench compare} end to end on simulators: the designed difference with the largest, steadiest effect — n-gram
 * speculation (4 draft tokens, acceptance 0.6: about 2.3 tokens per step for 1.08 of a step's cost, so roughly half
 * the TPOT) — must fail the gate when the candidate drops it; the same personality against itself must pass the same
 * gate (5 % on every metric). Then the exit codes for insufficient data and usage errors, and the dashboard's
 * /api/compare giving the same verdicts as bench compare on the same selectors.
 */
class CompareCommandTest {
    private static final SimConfig VLLM = SimConfig.of(Personality.VLLM, ModelPreset.SMALL_2B).withSpeed(10);
    private static final SimConfig NGRAM = VLLM.withSpec(new SpecConfig(SpecConfig.Method.NGRAM, 4, 0.6));
    private static final String GATE = "5";

    @TempDir
    Path tmp;

    private record Exec(int code, String out, String err) {}

    private Exec bench(String... args) {
        CommandLine cl = Bench.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(out);
        System.out.print(err);
        return new Exec(code, out, err.toString());
    }

    private Path profile(String variant, SimServer sim) throws Exception {
        Path p = tmp.resolve(variant + "-" + sim.port() + ".yaml");
        Files.writeString(p, "kind: sim\nvariant: " + variant + "\nbase_url: " + sim.baseUrl() + "\nmodel: "
                + VLLM.modelName() + "\n");
        return p;
    }

    private Exec compareRun(Path a, Path b, String warehouse) {
        return bench("compare", "--scenario", "single_request_latency", "--engine", a.toString(), "--engine",
                b.toString(), "--iterations", "3", "--requests", "8", "--max-tokens", "48", "--warmup", "2",
                "--order", "random", "--order-seed", "11", "--fail-on-regression", GATE,
                "--output", tmp.resolve("raw").toString(), "--warehouse", tmp.resolve(warehouse).toString(),
                "--reports", tmp.resolve("reports").toString());
    }

    @Test
    void gateCatchesTheDesignedRegressionAndPassesAVsA() throws Exception {
        long t0 = System.nanoTime();
        try (SimServer ngram = SimServer.start(NGRAM); SimServer vllm = SimServer.start(VLLM);
             SimServer vllm2 = SimServer.start(VLLM)) {
            // baseline with speculation, candidate without: TPOT about twice the baseline's
            Exec ab = compareRun(profile("vllm-ngram", ngram), profile("vllm", vllm), "wh-ab");
            assertThat(ab.code()).as(ab.err()).isEqualTo(CompareCommand.REGRESSION);
            assertThat(ab.err()).contains("bench compare: regression: tpot_ms_p50 single_request_latency");
            assertThat(ab.out()).contains("baseline: vllm-ngram", "candidate: vllm", "tpot_ms_p50");
            // interleaved: six runs, each iteration's two sides next to each other
            List<String> order = orderOf(tmp.resolve("raw"));
            assertThat(order).hasSize(6);
            for (int i = 0; i < 6; i += 2) {
                assertThat(List.of(order.get(i), order.get(i + 1))).containsExactlyInAnyOrder(
                        "baseline,vllm-ngram," + (i / 2 + 1), "candidate,vllm," + (i / 2 + 1));
            }

            Exec aa = compareRun(profile("vllm", vllm), profile("vllm", vllm2), "wh-aa");
            assertThat(aa.code()).as("A vs A must pass the gate: " + aa.err()).isZero();
            assertThat(aa.err()).doesNotContain("regression");
        }
        System.out.printf("compare end to end (two interleaved comparisons): %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // the same warehouse, without running: one run a side is insufficient data
        Path wh = tmp.resolve("wh-ab");
        Exec one = bench("compare", "--warehouse", wh.toString(), "--reports", tmp.resolve("reports").toString(),
                "--baseline", "variant:sim-vllm-ngram", "--candidate", "engine_variant = 'sim-vllm' AND iteration = 1",
                "--fail-on-regression", GATE);
        // shortcuts on the baseline (3 runs), a SQL predicate on the candidate (1 run): no CI on that side
        assertThat(one.code()).as(one.err()).isEqualTo(CompareCommand.INSUFFICIENT_DATA);
        Exec usage = bench("compare", "--scenario", "single_request_latency", "--engine", "http://127.0.0.1:1",
                "--model", "m");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("--engine twice");
        assertThat(bench("compare", "--warehouse", wh.toString(), "--baseline", "variant:x", "--candidate",
                "variant:y", "--fail-on-regression", "latency:5").code()).isEqualTo(2);
        assertThat(bench("compare", "--warehouse", wh.toString(), "--baseline", "no_such_column = 1",
                "--candidate", "variant:y").err()).contains("--baseline: not a valid selector");

        sameVerdictsInTheDashboard(wh);
    }

    @Test
    void helpListsBothFormsAndTheExitCodes() {
        String help = Bench.commandLine().getSubcommands().get("compare").getUsageMessage();
        assertThat(help).contains("--scenario S --engine A --engine B", "--baseline SELECTOR", "Exit codes:",
                "3   regression", "4   insufficient data", "2   usage error");
    }

    /** bench compare --baseline/--candidate and /api/compare with the same selectors: the same verdicts. */
    private void sameVerdictsInTheDashboard(Path wh) throws Exception {
        Path reports = tmp.resolve("reports-selectors");
        Exec cli = bench("compare", "--warehouse", wh.toString(), "--reports", reports.toString(),
                "--baseline", "variant:sim-vllm-ngram", "--candidate", "variant:sim-vllm", "--fail-on-regression", GATE);
        assertThat(cli.code()).isEqualTo(CompareCommand.REGRESSION);
        List<String> fromCli = new ArrayList<>();
        try (Stream<Path> s = Files.walk(reports)) {
            Path csv = s.filter(p -> p.getFileName().toString().equals("verdicts.csv")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(csv);
            List<String> header = List.of(lines.get(0).split(","));
            for (String l : lines.subList(1, lines.size())) {
                String[] c = l.split(",", -1);
                fromCli.add(String.join("|", c[header.indexOf("metric")], c[header.indexOf("scope")],
                        c[header.indexOf("mean_baseline")], c[header.indexOf("mean_candidate")],
                        c[header.indexOf("verdict")], c[header.indexOf("regression")]));
            }
        }
        PipelineSteps steps = PipelineSteps.on(() -> Sessions.getOrCreate("dashboard"), wh.toString());
        ResultsApi api = new ResultsApi(new SparkResultsSource(new WarehouseTables(wh), steps),
                new RunFolderIndex(tmp.resolve("raw")), null);
        Map<String, Object> json = api.compare(null, null, "variant:sim-vllm-ngram", "variant:sim-vllm", GATE);
        List<String> fromApi = new ArrayList<>();
        for (Object o : (List<?>) json.get("verdicts")) {
            Map<?, ?> v = (Map<?, ?>) o;
            fromApi.add(String.join("|", String.valueOf(v.get("metric")), String.valueOf(v.get("scope")),
                    String.valueOf(v.get("mean_baseline")), String.valueOf(v.get("mean_candidate")),
                    String.valueOf(v.get("verdict")), String.valueOf(v.get("regression"))));
        }
        assertThat(fromApi).isNotEmpty().isEqualTo(fromCli);
        assertThat(json.get("outcome")).isEqualTo("regression");
    }

    /** side,engine,iteration of every run of every comparison's order.csv, in the order run. */
    private static List<String> orderOf(Path raw) throws Exception {
        try (Stream<Path> s = Files.list(raw)) {
            Path dir = s.filter(p -> p.getFileName().toString().startsWith("compare-")).min(Comparator.naturalOrder())
                    .orElseThrow();
            List<String> lines = Files.readAllLines(dir.resolve("order.csv"));
            return lines.subList(1, lines.size()).stream().map(l -> {
                String[] c = l.split(",");
                return c[1] + "," + c[2] + "," + c[3];
            }).toList();
        }
    }
}
