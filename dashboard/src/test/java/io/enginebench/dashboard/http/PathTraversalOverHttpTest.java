package io.enginebench.dashboard.http;

import io.enginebench.dashboard.DashboardConfig;
import io.enginebench.dashboard.DashboardServer;
import io.enginebench.dashboard.results.SparkResultsSource;
import io.enginebench.dashboard.results.WarehouseTables;
import io.enginebench.pipeline.steps.PipelineSteps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw request lines over a socket (an HTTP client library would normalise the path before sending): reports and
 * assets are served, and no spelling of "go up" or of an absolute path reaches a file outside.
 */
class PathTraversalOverHttpTest {
    @TempDir Path tmp;

    @Test
    void requestsCannotLeaveTheReportsFolder() throws Exception {
        Path reports = Files.createDirectories(tmp.resolve("reports"));
        Files.writeString(reports.resolve("summary.csv"), "a,b\n1,2\n");
        Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET");
        DashboardConfig cfg = DashboardConfig.defaults().withPort(0)
                .withDirs(tmp.resolve("raw-results"), tmp.resolve("warehouse"), reports);
        try (DashboardServer d = DashboardServer.start(cfg,
                new SparkResultsSource(new WarehouseTables(tmp.resolve("warehouse")), PipelineSteps.on(() -> {
                    throw new AssertionError("no Spark without a warehouse");
                }, tmp.resolve("warehouse").toString())))) {
            assertThat(get(d, "/reports/summary.csv")).startsWith("HTTP/1.1 200").contains("text/csv").endsWith("a,b\n1,2\n");
            assertThat(get(d, "/")).startsWith("HTTP/1.1 200").contains("<title>EngineBench dashboard</title>");
            assertThat(get(d, "/assets/app.js")).startsWith("HTTP/1.1 200").contains("text/javascript");
            assertThat(get(d, "/assets/plotly.min.js")).startsWith("HTTP/1.1 200").contains("plotly");
            assertThat(get(d, "/api/nothing")).startsWith("HTTP/1.1 404");
            assertThat(get(d, "/api/runs?date=yesterday")).startsWith("HTTP/1.1 400").contains("YYYY-MM-DD");
            assertThat(get(d, "/api/compare?scenario=x")).startsWith("HTTP/1.1 400");

            String secret = tmp.resolve("secret.txt").toString();
            for (String attack : new String[] {"/reports/../secret.txt", "/reports/%2e%2e/secret.txt",
                    "/reports/%2E%2E%2Fsecret.txt", "/reports/..%2f..%2fsecret.txt", "/reports/" + secret,
                    "/reports/%2F" + secret.substring(1), "/reports//" + secret.substring(1),
                    "/reports/..%5csecret.txt", "/assets/../../secret.txt", "/assets/%2e%2e%2fsecret.txt",
                    "/assets/..%2F..%2F..%2Fio/enginebench/dashboard/DashboardServer.class"}) {
                String res = get(d, attack);
                assertThat(res).as(attack).doesNotContain("TOP-SECRET");
                assertThat(res).as(attack).matches("(?s)HTTP/1.1 40[34].*");
            }
        }
    }

    private static String get(DashboardServer d, String rawPath) throws Exception {
        try (Socket s = new Socket("127.0.0.1", d.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
