package io.enginebench.pipeline.report;

import io.enginebench.pipeline.report.section.Headline;
import io.enginebench.pipeline.report.section.ReportSections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ReportBuilderTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 28);

    @TempDir
    Path tmp;

    private ReportBuilder.Result build(Path out, Map<String, Table> tables) {
        return ReportSections.builder().build(ReportInputs.of(tables), out, DATE);
    }

    @Test
    void sameInputsGiveByteIdenticalMarkdownHtmlAndSvg() throws IOException {
        ReportBuilder.Result a = build(tmp.resolve("a"), SyntheticInputs.tables());
        ReportBuilder.Result b = build(tmp.resolve("b"), SyntheticInputs.tables());
        assertThat(Files.readString(a.markdown())).isEqualTo(Files.readString(b.markdown()));
        assertThat(Files.readString(a.html())).isEqualTo(Files.readString(b.html()));
        try (Stream<Path> s = Files.list(a.reportDir().resolve("figures"))) {
            for (Path f : s.toList()) {
                assertThat(Files.readString(f)).as(f.toString())
                        .isEqualTo(Files.readString(b.reportDir().resolve("figures").resolve(f.getFileName())));
            }
        }
        // rows arriving in another order change nothing
        Map<String, Table> shuffled = SyntheticInputs.tables();
        shuffled.replaceAll((k, t) -> t.sortDescendingOn(t.columnNames().get(0)));
        ReportBuilder.Result c = build(tmp.resolve("c"), shuffled);
        assertThat(Files.readString(c.markdown())).isEqualTo(Files.readString(a.markdown()));
    }

    @Test
    void noPageReferencesTheInternet() throws IOException {
        ReportBuilder.Result r = build(tmp, SyntheticInputs.tables());
        List<Path> pages;
        try (Stream<Path> s = Files.walk(tmp)) {
            pages = s.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".md")).toList();
        }
        assertThat(pages).hasSizeGreaterThan(10);
        Pattern remoteScript = Pattern.compile("<script[^>]*src=\"(https?:)?//", Pattern.CASE_INSENSITIVE);
        for (Path p : pages) {
            String text = Files.readString(p);
            assertThat(remoteScript.matcher(text).find()).as(p.toString()).isFalse();
            assertThat(text).as(p.toString()).doesNotContain("http://").doesNotContain("https://");
        }
        assertThat(Files.readString(r.html())).contains("<script src=\"assets/" + PlotlyAsset.FILE_NAME + "\">");
        assertThat(r.reportDir().resolve("assets").resolve(PlotlyAsset.FILE_NAME)).isNotEmptyFile();
        assertThat(Files.readString(r.reportDir().resolve("figures/throughput-ramp-tps.html")))
                .contains("src=\"../assets/" + PlotlyAsset.FILE_NAME + "\"");
    }

    @Test
    void reportNamesSourcesMarksSimulatedDataAndSaysWhatIsMissing() throws IOException {
        ReportBuilder.Result r = build(tmp, SyntheticInputs.tables());
        String md = Files.readString(r.markdown());
        assertThat(md).startsWith("# EngineBench report 2026-11-28\n")
                .contains("> **⚠ simulated engine: this report includes runs against the built-in engine simulator "
                        + "(engine sim-vllm, model Llama-3.1-8B, Qwen3-32B; 6 run(s), runs.simulated = true)")
                .contains("| sim-vllm [sim] |")
                .contains("**Rule:** " + Headline.WINNER_RULE_DEFAULT)
                .contains("no runs of this scenario (long_context_stress)")
                .contains("no runs of this scenario (throughput_ramp_extended)")
                .contains("SLOs used (ttft_ms:tpot_ms[:e2e_ms], bounds inclusive): 200:50, 500:100")
                .contains("Crossovers found: 4.")
                .contains("## Methodology").contains("| tpot_ms | (last_token_ns − first_token_ns)")
                .contains("## Environment").contains("| native | vllm | sim-vllm [sim] | sim-0.1 | true |")
                .contains("2 run(s) were client-bound")
                .contains("![Engine kv_cache_usage](figures/timeline-kv-cache-usage.svg)");
        // every table names its source and its CSV, and the CSV exists with a header and the right row count
        Matcher m = Pattern.compile("Source: derived table `([a-z_]+)` \\((\\d+) rows; CSV `tables/([^`]+)`\\)")
                .matcher(md);
        int tables = 0;
        while (m.find()) {
            Path csv = r.reportDir().resolve("tables").resolve(m.group(3));
            assertThat(Files.readAllLines(csv)).hasSize(Integer.parseInt(m.group(2)) + 1);
            tables++;
        }
        assertThat(tables).isEqualTo(r.tables()).isGreaterThan(15);
        // every figure has its static and interactive file
        Matcher f = Pattern.compile("!\\[[^]]*]\\(figures/([^)]+)\\.svg\\)").matcher(md);
        int figures = 0;
        while (f.find()) {
            assertThat(Files.readString(r.reportDir().resolve("figures/" + f.group(1) + ".svg"))).contains("<svg");
            assertThat(r.reportDir().resolve("figures/" + f.group(1) + ".html")).isNotEmptyFile();
            figures++;
        }
        assertThat(figures).isEqualTo(r.figures()).isGreaterThan(15);
        assertThat(Files.readString(r.reportDir().resolve("figures/throughput-ramp-tps.html")))
                .contains("name: 'Llama-3.1-8B / sim-vllm [sim]'").contains("name: 'Llama-3.1-8B / vllm'");
        // histograms are drawn from bins, never raw values: one bar per bin per run
        String hist = Files.readString(r.reportDir().resolve("figures/tpot-hist.html"));
        assertThat(hist.split("type: 'bar'", -1)).hasSize(4);
    }

    @Test
    void headlineIsACompactDecisionTableWithMarginsAndATally() throws IOException {
        String md = Files.readString(build(tmp, SyntheticInputs.tables()).markdown());
        String headline = md.substring(md.indexOf("## Headline"), md.indexOf("## Single-request latency"));
        assertThat(headline)
                .contains("| scenario | model_name | max_tokens | config | load | latency_basis | engines | n "
                        + "| output_tps | ttft_p50 | tpot_ms_p50 | e2e_p95 | error_rate |")
                // 40 vs 120 tokens/s: +200%; TTFT 21.5 vs 24.5 ms: (24.5 − 21.5) / 24.5 = 12.2% better
                .contains("| single_request_latency | Llama-3.1-8B | 128 | 5ab3c0de | c=1 | sent | sglang vs vllm | 3/3 "
                        + "| vllm +200.0% | sglang +12.2% | – | – | – |")
                .contains("| single_request_latency | Qwen3-32B | 128 | 5ab3c0de | c=1 | sent | sglang vs vllm | 3/3 "
                        + "| vllm +200.0% | tie | – | – | – |")
                .contains("- `sglang` wins 1\n- `vllm` wins 2\n- tie 1\n- insufficient data (`n<2`) 0\n"
                        + "- not compared (`–`) 6\n")
                .contains("| single_request_latency | 2 | vllm 2 | sglang 1 · tie 1 | – | – | – |")
                .contains(Headline.MARGIN_RULE)
                .contains("All 4 rows are in `tables/winners.csv`.")
                // the per-metric dump of the older headline is gone
                .doesNotContain("lower_is_better");
    }

    @Test
    void everyTableIsCappedAndTheCsvKeepsAllRows() throws IOException {
        Map<String, Table> tables = SyntheticInputs.tables();
        Table w = tables.get("winners");
        Table llama = TableQueries.whereEq(w, "model_name", "Llama-3.1-8B");
        Table more = w.emptyCopy();
        for (int m = 0; m < 50; m++) {
            for (int i = 0; i < llama.rowCount(); i++) {
                more.append(llama.row(i));
                more.stringColumn("model_name").set(more.rowCount() - 1, String.format("m-%02d", m));
            }
        }
        w.append(more);
        ReportBuilder.Result r = build(tmp, tables);
        String md = Files.readString(r.markdown());
        // 52 models × 1 pair: 40 shown, 12 in the CSV only
        assertThat(md).contains("Source: derived table `winners` (52 rows; CSV `tables/headline-decisions.csv`).")
                .contains("12 more rows in `tables/headline-decisions.csv`.")
                .contains("- `sglang` wins 51\n- `vllm` wins 52\n- tie 1\n");
        assertThat(Files.readAllLines(r.reportDir().resolve("tables/headline-decisions.csv"))).hasSize(53);
        for (String table : md.split("\n\n")) {
            long rows = table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| ---")).count();
            assertThat(rows).as(table.lines().findFirst().orElse("")).isLessThanOrEqualTo(SectionKit.MAX_ROWS + 1);
        }
        assertThat(Files.readString(r.html())).contains("12 more rows in <code>tables/headline-decisions.csv</code>");
    }

    @Test
    void rowsWithoutAModelShowAsUnknownModelNeverAsAnEmptyCellAndAreNotCompared() throws IOException {
        Map<String, Table> tables = SyntheticInputs.tables();
        for (String name : List.of("winners", "cell_summary", "cross_model")) {
            Table t = tables.get(name);
            Table unknown = TableQueries.whereEq(t, "model_name", "Qwen3-32B").copy();
            unknown.stringColumn("model_name").setMissing(0);
            for (int i = 0; i < unknown.rowCount(); i++) {
                unknown.stringColumn("model_name").setMissing(i);
            }
            t.append(unknown);
        }
        ReportBuilder.Result r = build(tmp, tables);
        String md = Files.readString(r.markdown());
        // runs of an unknown model are shown in their sections but never compared in the headline
        String headline = md.substring(md.indexOf("## Headline"), md.indexOf("## Single-request latency"));
        assertThat(headline).doesNotContain(SectionKit.UNKNOWN_MODEL)
                .contains("2 `winners` row(s) of runs without a known model are left out of the headline");
        assertThat(md).contains("| (unknown model) | sglang | 128 | ttft_ms_p50 |")
                .contains("| (unknown model) | 32 | sglang |");
        assertThat(md.lines().filter(l -> l.startsWith("| single_request_latency |  |"))).isEmpty();
        assertThat(Files.readString(r.reportDir().resolve("figures/tradeoff-bubble.html")))
                .doesNotContain("name: '?").doesNotContain("name: ''");
        assertThat(Files.readString(r.reportDir().resolve("figures/single-request-latency.html")))
                .contains("(unknown model) / sglang");
    }

    @Test
    void simulatedRowsAreMarkedByRunsSimulatedNotByEngineName() throws IOException {
        // an older warehouse: the simulator's runs carry the engine name of the engine they imitate
        Map<String, Table> tables = SyntheticInputs.tables();
        Table runs = tables.get("runs");
        for (int i = 0; i < runs.rowCount(); i++) {
            if (runs.booleanColumn("simulated").get(i)) {
                runs.stringColumn("engine_variant").set(i, "vllm");
                runs.stringColumn("model_name").set(i, "sim-2b");
            }
        }
        String md = Files.readString(build(tmp, tables).markdown());
        assertThat(md).contains("| native | vllm [sim] | vllm [sim] | sim-0.1 | true | sim-2b |")
                .contains("| native | vllm | vllm | 0.11.0 | false | Llama-3.1-8B |")
                .doesNotContain("| Llama-3.1-8B | vllm [sim] |");
    }

    @Test
    void simulatedOnlyWarehouseOpensWithTheSimulatedComparisonAndShowsNoEmptyTable() throws IOException {
        Map<String, Table> tables = SyntheticInputs.tables();
        Table runs = tables.get("runs");
        for (int i = 0; i < runs.rowCount(); i++) {
            runs.booleanColumn("simulated").set(i, true);
        }
        DoubleColumn speed = DoubleColumn.create("sim_speed", runs.rowCount());
        speed.setMissingTo(10.0);
        runs.addColumns(speed);
        String md = Files.readString(build(tmp, tables).markdown());
        int headline = md.indexOf("## Headline");
        int chart = md.indexOf("](figures/headline-simulated-tpot.svg)");
        int banner = md.indexOf("every run in this warehouse comes from the built-in simulator");
        int decisions = md.indexOf("tables/headline-simulated.csv");
        assertThat(headline).isPositive();
        assertThat(chart).as("chart first").isGreaterThan(headline).isLessThan(md.indexOf("**Rule:**"));
        assertThat(banner).as("then the banner").isGreaterThan(chart);
        assertThat(decisions).as("then the verdict table").isGreaterThan(banner);
        assertThat(md).doesNotContain("(no rows)").doesNotContain("**Tally**")
                .contains("simulated clock 10× faster than real time (runs.sim_speed)");
    }

    @Test
    void allZeroEngineMetricsAndEmptyWarehouseAreStatedNotHidden() throws IOException {
        Map<String, Table> tables = SyntheticInputs.tables();
        Table em = tables.get("engine_metrics");
        em.doubleColumn("value").set(em.doubleColumn("value").isNotMissing(), 0.0);
        String md = Files.readString(build(tmp.resolve("zero"), tables).markdown());
        assertThat(md).contains("engine_metrics has no non-zero samples of kv_cache_usage, requests_running, "
                + "requests_waiting in the selected runs (180 samples, all zero or absent)");

        String empty = Files.readString(build(tmp.resolve("empty"), Map.of()).markdown());
        assertThat(empty).contains("no data: the warehouse has no `winners` table")
                .contains("no data: the warehouse has no `concurrency_levels` table")
                .doesNotContain("simulated engine");
    }

    @Test
    void indexListsEveryDatedReportNewestFirst() throws IOException {
        ReportSections.builder().build(ReportInputs.of(SyntheticInputs.tables()), tmp, LocalDate.of(2026, 1, 5));
        ReportBuilder.Result r = build(tmp, Map.of());
        Files.createDirectories(tmp.resolve("not-a-report"));
        String index = Files.readString(r.index());
        assertThat(index).contains("href=\"2026-11-28/final_report.html\"", "href=\"2026-01-05/final_report.html\"");
        assertThat(index.indexOf("2026-11-28")).isLessThan(index.indexOf("2026-01-05"));
        assertThat(index).doesNotContain("not-a-report");
    }
}
