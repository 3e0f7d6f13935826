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
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Live tab as a first visit sees it: with no run in progress one sentence and no empty charts or matrix table;
 * with a run, its charts with the mode bar clear of the titles, and the run marked finished once it ends.
 */
class LiveTabBrowserTest {
    /** Whether the latency chart's mode bar and title boxes overlap (both are drawn even while the bar is hidden). */
    private static final String MODEBAR_OVER_TITLE = "(() => { const c = document.getElementById('chart-latency');"
            + " const m = c.querySelector('.modebar'), t = c.querySelector('.gtitle');"
            + " if (!m || !t) return 'missing';"
            + " const a = m.getBoundingClientRect(), b = t.getBoundingClientRect();"
            + " return String(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom); })()";

    @TempDir Path tmp;

    @Test
    void withNoRunOneSentenceAndNoEmptyChartsOrMatrixTable() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "chromium not installed");
        try (DashboardServer dashboard = DashboardServer.start(config());
             HeadlessChromium chrome = new HeadlessChromium()) {
            chrome.open(dashboard.url());
            waitFor(chrome, "document.getElementById('conn').textContent", "live"::equals);
            assertThat(text(chrome, "document.getElementById('cards').textContent"))
                    .startsWith("No run in progress").contains("Results tab");
            assertThat(text(chrome, "String(document.getElementById('live-charts').offsetParent === null)"))
                    .isEqualTo("true");
            assertThat(text(chrome, "String(document.getElementById('live-matrices').offsetParent === null)"))
                    .isEqualTo("true");
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @Test
    void aRunShowsChartsWithTheModeBarOffTheTitlesAndIsMarkedFinished() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "chromium not installed");
        Path results = tmp.resolve("raw-results");
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(20));
             DashboardServer dashboard = DashboardServer.start(config());
             SimRunDriver run = new SimRunDriver(results, sim.baseUrl(), "steady_chat");
             HeadlessChromium chrome = new HeadlessChromium()) {
            chrome.open(dashboard.url());
            run.requests(4, 2);
            waitFor(chrome, "String(document.getElementById('live-charts').offsetParent !== null)", "true"::equals);
            waitFor(chrome, MODEBAR_OVER_TITLE, v -> !v.equals("missing"));
            assertThat(text(chrome, MODEBAR_OVER_TITLE)).isEqualTo("false");

            run.finish();
            waitFor(chrome, "(document.querySelector('.card .finished') || {}).textContent || ''",
                    v -> v.startsWith("finished"));
            assertThat(chrome.errors()).isEmpty();
        }
    }

    private DashboardConfig config() {
        return DashboardConfig.defaults().withPort(0)
                .withDirs(tmp.resolve("raw-results"), tmp.resolve("warehouse"), tmp.resolve("reports"));
    }

    private static String text(HeadlessChromium chrome, String expr) throws Exception {
        return chrome.evaluate(expr).asText();
    }

    private static void waitFor(HeadlessChromium chrome, String expr, Predicate<String> ok) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = text(chrome, expr);
            if (ok.test(last)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + expr + " (last " + last + "); errors " + chrome.errors());
    }
}
