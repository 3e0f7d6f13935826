package io.enginebench.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.pipeline.report.section.ReportSections;
import io.enginebench.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens the generated pages in headless Chromium: every chart must render and nothing may log an error. */
class ReportInBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    /** [div id, number of svg.main-svg inside] for every chart div on the page. */
    private static final String CHART_SVGS = "Array.from(document.querySelectorAll('div.plotly-graph-div, "
            + "div.plotly-chart, div[id^=fig_]')).map(d => [d.id, d.querySelectorAll('svg.main-svg').length])";

    /** Kept after the test (under target/) so that the rendered report can be inspected. */
    private final Path out = SCREENSHOTS.resolve("site");

    @Test
    void indexAndReportRenderEveryChartWithoutConsoleErrors() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "chromium is not installed");
        ReportSections.builder().build(ReportInputs.of(SyntheticInputs.tables()), out, LocalDate.of(2026, 11, 27));
        ReportBuilder.Result r = ReportSections.builder().build(ReportInputs.of(SyntheticInputs.tables()), out,
                LocalDate.of(2026, 11, 28));
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(r.index().toUri().toString());
            assertThat(browser.evaluate("document.querySelectorAll('a.report-link').length").asInt()).isEqualTo(2);
            browser.screenshot(SCREENSHOTS.resolve("index.png"), 900);
            assertThat(browser.takeErrors()).isEmpty();

            browser.open(r.html().toUri().toString());
            JsonNode charts = waitForCharts(browser);
            assertThat(charts.size()).isEqualTo(r.figures());
            for (JsonNode c : charts) {
                assertThat(c.get(1).asInt()).as("svg.main-svg in " + c.get(0).asText()).isPositive();
            }
            browser.screenshot(SCREENSHOTS.resolve("final_report.png"), 6000);
            assertThat(browser.takeErrors()).isEmpty();

            List<Path> figurePages;
            try (Stream<Path> s = Files.list(r.reportDir().resolve("figures"))) {
                figurePages = new ArrayList<>(s.filter(p -> p.toString().endsWith(".html")).sorted().toList());
            }
            assertThat(figurePages).hasSize(r.figures());
            for (Path page : figurePages) {
                browser.open(page.toUri().toString());
                JsonNode one = waitForCharts(browser);
                assertThat(one.size()).as(page.toString()).isEqualTo(1);
                assertThat(one.get(0).get(1).asInt()).as(page.toString()).isPositive();
                assertThat(browser.takeErrors()).as(page.toString()).isEmpty();
            }
            browser.open(r.reportDir().resolve("figures/tradeoff-bubble.html").toUri().toString());
            waitForCharts(browser);
            browser.screenshot(SCREENSHOTS.resolve("figure-tradeoff-bubble.png"), 900);

            // the static version used by the Markdown report
            browser.open(r.reportDir().resolve("figures/throughput-ramp-tps.svg").toUri().toString());
            assertThat(browser.evaluate("document.querySelectorAll('svg text').length").asInt()).isGreaterThan(10);
            browser.screenshot(SCREENSHOTS.resolve("figure-throughput-ramp-tps-svg.png"), 900);
            assertThat(browser.takeErrors()).isEmpty();
        }
    }

    /** Plotly draws synchronously after load in practice; poll briefly in case it does not. */
    private static JsonNode waitForCharts(HeadlessChromium browser) throws InterruptedException {
        JsonNode charts = browser.evaluate(CHART_SVGS);
        for (int i = 0; i < 50 && !allDrawn(charts); i++) {
            Thread.sleep(100);
            charts = browser.evaluate(CHART_SVGS);
        }
        return charts;
    }

    private static boolean allDrawn(JsonNode charts) {
        for (JsonNode c : charts) {
            if (c.get(1).asInt() == 0) {
                return false;
            }
        }
        return charts.size() > 0;
    }
}
