package io.enginebench.dashboard;

import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in headless Chromium: it loads without console errors or exceptions (plotly.js included, served
 * locally), picks up a running run, and its latency chart gains points when the run's journal grows.
 */
class DashboardPageBrowserTest {
    private static final String LATENCY_POINTS =
            "(() => { const c = document.getElementById('chart-latency');"
            + " return c && c.data && c.data.length ? c.data[0].x.length : -1; })()";

    @TempDir Path tmp;

    @Test
    void pageLoadsCleanlyAndTheChartGrowsWithTheJournal() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "chromium not installed");
        Path results = tmp.resolve("raw-results");
        DashboardConfig cfg = DashboardConfig.defaults().withPort(0)
                .withDirs(results, tmp.resolve("warehouse"), tmp.resolve("reports"));
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(20));
             DashboardServer dashboard = DashboardServer.start(cfg);
             SimRunDriver run = new SimRunDriver(results, sim.baseUrl(), "steady_chat");
             HeadlessChromium chrome = new HeadlessChromium()) {
            chrome.open(dashboard.url());
            waitFor(chrome, "typeof Plotly", v -> true, "page scripts");
            run.requests(4, 2);
            run.scrapeMetrics();
            long before = waitForPoints(chrome, n -> n >= 1);
            assertThat(chrome.evaluate("document.querySelector('.card[data-run]').dataset.run").asText())
                    .isEqualTo(run.runId());

            run.requests(4, 2);
            long after = waitForPoints(chrome, n -> n > before);
            assertThat(after).isGreaterThan(before);
            assertThat(chrome.evaluate("document.getElementById('conn').textContent").asText()).isEqualTo("live");
            assertThat(chrome.evaluate("document.querySelector('.card dd').textContent").asText()).isEqualTo("running");
            assertThat(chrome.evaluate("typeof Plotly").asText()).isEqualTo("object");

            // the results tab lists the run from its folder (no warehouse here)
            chrome.evaluate("document.getElementById('tab-results').click()");
            waitFor(chrome, "document.querySelectorAll('#runs tbody tr').length", n -> n == 1, "runs table");
            assertThat(chrome.errors()).isEmpty();

            // and the collector does see errors: a page error would not have slipped through unnoticed
            chrome.evaluate("console.error('probe')");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (chrome.errors().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(chrome.errors()).singleElement().asString().contains("probe");
        }
    }

    private static long waitForPoints(HeadlessChromium chrome, LongPredicate ok) throws Exception {
        return waitFor(chrome, LATENCY_POINTS, ok, "chart points");
    }

    private static long waitFor(HeadlessChromium chrome, String expr, LongPredicate ok, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = Long.MIN_VALUE;
        while (System.nanoTime() < deadline) {
            var v = chrome.evaluate(expr);
            last = v.isNumber() ? v.asLong() : v.isTextual() ? 0 : -1;
            if (v.isTextual() && v.asText().equals("object")) return 1;
            if (v.isNumber() && ok.test(last)) return last;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + " (last " + last + "); errors " + chrome.errors());
    }
}
