package io.enginebench.pipeline.notebook;

import io.enginebench.pipeline.sql.QueryEngine;
import io.enginebench.pipeline.sql.TestEngines;
import io.enginebench.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every committed notebook runs on each engine against a small legacy + native warehouse and its page works in a
 * browser (the two engines' answers are compared cell by cell in {@code sql.CrossEngineQueriesTest}).
 */
class NotebooksRenderTest {
    static final Path NOTEBOOKS = Path.of("..", "notebooks");
    private static final Map<String, QueryEngine> engines = new LinkedHashMap<>();
    /** Each committed notebook rendered once per engine ("engine/file"); both page tests read these. */
    private static final Map<String, NotebookRenderer.Rendered> rendered = new LinkedHashMap<>();

    @TempDir
    static Path pages;
    @TempDir
    Path tmp;

    @BeforeAll
    static void renderAll() throws IOException {
        for (String engine : TestEngines.NAMES) {
            engines.put(engine, TestEngines.open(engine));
            for (Path file : notebooks()) {
                rendered.put(engine + "/" + file.getFileName(),
                        new NotebookRenderer(engines.get(engine)).render(file, pages.resolve(engine)));
            }
        }
    }

    @AfterAll
    static void closeEngines() {
        engines.values().forEach(QueryEngine::close);
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            return s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    @Test
    void everyNotebookRunsWithoutFailedCellsAndRendersItsCharts() throws Exception {
        assertThat(rendered).hasSizeGreaterThanOrEqualTo(6 * TestEngines.NAMES.size());
        for (String key : rendered.keySet()) {
            NotebookRenderer.Rendered r = rendered.get(key);
            String html = Files.readString(r.html());
            assertThat(r.failedCells()).as(key + ": " + cellErrors(html)).isZero();
            assertThat(html).contains("<h1>").contains("<table>").contains("<pre class=\"sql\">");
            int charts = count(Files.readString(notebookOf(key)), "-- chart:");
            assertThat(count(html, "Plotly.newPlot(")).as(key).isEqualTo(charts);
        }
        for (String engine : TestEngines.NAMES) {
            assertThat(pages.resolve(engine).resolve(NotebookHtml.PLOTLY_FILE)).isNotEmptyFile();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void queueDepthJoinTakesTheLastSampleAtOrBeforeTheSend(String engine) throws Exception {
        Notebook nb = Notebook.parse("q", Files.readString(NOTEBOOKS.resolve("ttft_vs_queue_depth.sql")));
        CellResult perRequest = new NotebookRunner(engines.get(engine), 100).run(nb).stream()
                .filter(c -> c.cell() instanceof Cell.Sql s && s.hasStatement()).findFirst().orElseThrow();
        List<String> rows = new ArrayList<>();
        int e = perRequest.columns().indexOf("engine_group");
        int d = perRequest.columns().indexOf("queue_depth");
        int t = perRequest.columns().indexOf("ttft_ms");
        for (List<Object> row : perRequest.rows()) rows.add(row.get(e) + " " + row.get(d) + " " + row.get(t));
        // vllm: sent at 1.0/2.0/3.0 s, samples 0@0.5 s, 2@1.5 s, 7@2.5 s; sglang: 1@0.9 s; legacy excluded
        assertThat(rows).containsExactly("sglang 1.0 40.0", "sglang 1.0 45.0", "vllm 0.0 50.0", "vllm 2.0 60.0",
                "vllm 7.0 300.0");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void legacyAndNativeRunsOfTheSameCellArePairedSideBySide(String engine) throws Exception {
        Notebook nb = Notebook.parse("l", Files.readString(NOTEBOOKS.resolve("legacy_vs_native.sql")));
        CellResult sideBySide = new NotebookRunner(engines.get(engine), 100).run(nb).stream()
                .filter(c -> c.cell() instanceof Cell.Sql s && s.source().contains("ttft_ratio")).findFirst()
                .orElseThrow();
        assertThat(sideBySide.rows()).hasSize(1);
        List<Object> row = sideBySide.rows().get(0);
        // native vllm median TTFT 60 ms (requests 50/60/300) vs legacy 90 ms (80/90/100)
        assertThat(row.get(sideBySide.columns().indexOf("legacy_ttft_ms_p50"))).isEqualTo(90.0);
        assertThat(row.get(sideBySide.columns().indexOf("native_ttft_ms_p50"))).isEqualTo(60.0);
        assertThat(row.get(sideBySide.columns().indexOf("ttft_ratio"))).isEqualTo(0.667);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.enginebench.pipeline.sql.TestEngines#NAMES")
    void aFailingCellIsShownInThePageAndCounted(String engine) throws Exception {
        Path nb = tmp.resolve("broken.sql");
        Files.writeString(nb, """
                -- Databricks notebook source
                SELECT * FROM no_such_view
                -- COMMAND ----------
                -- chart: bar x=engine y=n
                SELECT engine, count(*) AS n FROM runs GROUP BY engine
                -- COMMAND ----------
                DROP TABLE runs
                """);
        NotebookRenderer.Rendered r = new NotebookRenderer(engines.get(engine)).render(nb, tmp.resolve("out"));
        assertThat(r.cells()).isEqualTo(3);
        assertThat(r.failedCells()).isEqualTo(2);
        String html = Files.readString(r.html());
        assertThat(cellErrors(html)).hasSize(2);
        assertThat(cellErrors(html).get(0)).contains("no_such_view");
        assertThat(cellErrors(html).get(1)).contains("read-only");
        assertThat(html).contains("Plotly.newPlot(");
    }

    @Test
    void pagesOpenInHeadlessChromiumWithoutScriptErrors() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "chromium not installed");
        String engine = TestEngines.NAMES.get(0);   // the pages of both engines differ only in numbers
        for (Path file : notebooks()) {
            Path html = rendered.get(engine + "/" + file.getFileName()).html();
            String dom = HeadlessChromium.dumpDom(html.toAbsolutePath().toUri(), tmp);
            int charts = count(Files.readString(file), "-- chart:");
            assertThat(dom).as(file.toString()).contains("data-js-errors=\"0\"");
            assertThat(count(dom, "class=\"plot-container plotly\"")).as(file.toString()).isEqualTo(charts);
        }
    }

    private static Path notebookOf(String key) {
        return NOTEBOOKS.resolve(key.substring(key.indexOf('/') + 1));
    }

    private static List<String> cellErrors(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<pre class=\"error cell-error\">([^<]*)</pre>").matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) n++;
        return n;
    }
}
