package io.enginebench.dashboard.http;

import io.enginebench.dashboard.DashboardConfig;
import io.enginebench.dashboard.DashboardServer;
import io.enginebench.dashboard.results.ResultsSource;
import io.enginebench.dashboard.results.RunFilter;
import io.enginebench.dashboard.results.SparkResultsSource;
import io.enginebench.dashboard.results.WarehouseTables;
import io.enginebench.pipeline.access.ServerAccess;
import io.enginebench.pipeline.steps.PipelineSteps;
import io.enginebench.testsupport.CapturedOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token, origin and size checks of {@code bench serve}, with raw requests over a socket (an HTTP client library
 * would not let a test send a foreign {@code Host} or a bare WebSocket upgrade).
 */
class DashboardAccessTest {
    private static final String TOKEN = "tok-" + UUID.randomUUID();
    private static final List<String> ROUTES = List.of("/", "/index.html", "/assets/app.js", "/reports/",
            "/reports/x.html", "/api/runs", "/api/runs/abc", "/api/compare?scenario=x", "/api/status", "/nothing");

    @TempDir
    static Path tmp;
    private static CapturedOutput captured;
    private static DashboardServer secured;
    private static DashboardServer open;

    @BeforeAll
    static void start() throws Exception {
        captured = new CapturedOutput("io.enginebench", "io.netty");
        Files.createDirectories(tmp.resolve("reports"));
        Files.writeString(tmp.resolve("reports/x.html"), "<p>report</p>");
        DashboardConfig base = DashboardConfig.defaults().withPort(0)
                .withDirs(tmp.resolve("raw-results"), tmp.resolve("warehouse"), tmp.resolve("reports"))
                .withLimits(ConnectionLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(400)));
        secured = DashboardServer.start(base.withAccess(ServerAccess.of(TOKEN, null, false), List.of()), noSpark(tmp));
        open = DashboardServer.start(base.withAccess(ServerAccess.open(), List.of("https://dash.example:8443")),
                noSpark(tmp));
    }

    @AfterAll
    static void stop() {
        try {
            if (secured != null) secured.close();
            if (open != null) open.close();
        } finally {
            captured.close();
        }
    }

    static SparkResultsSource noSpark(Path dir) {
        return new SparkResultsSource(new WarehouseTables(dir.resolve("warehouse")), PipelineSteps.on(() -> {
            throw new AssertionError("no Spark without a warehouse");
        }, dir.resolve("warehouse").toString()));
    }

    @Test
    void withoutTheTokenEveryRouteAndTheLiveFeedAnswer401() throws Exception {
        for (String route : ROUTES) {
            assertThat(get(secured, route, "")).as(route).startsWith("HTTP/1.1 401").containsIgnoringCase("WWW-Authenticate: Bearer");
            assertThat(get(secured, route, "Authorization: Bearer wrong-" + TOKEN + "\r\n")).as(route)
                    .startsWith("HTTP/1.1 401");
        }
        assertThat(upgrade(secured, "")).startsWith("HTTP/1.1 401");
        assertThat(upgrade(secured, "Authorization: Bearer nope\r\n")).startsWith("HTTP/1.1 401");
        assertThat(get(secured, "/?token=nope", "")).startsWith("HTTP/1.1 401");
        assertThat(post(secured, "/login", "token=nope", "")).startsWith("HTTP/1.1 401");
        // a browser gets the login form
        assertThat(get(secured, "/", "Accept: text/html\r\n")).startsWith("HTTP/1.1 401").contains("<form method=\"post\"");
    }

    @Test
    void theRightTokenOpensEveryRouteAndTheLiveFeed() throws Exception {
        String bearer = "Authorization: Bearer " + TOKEN + "\r\n";
        assertThat(get(secured, "/api/status", bearer)).startsWith("HTTP/1.1 200");
        assertThat(get(secured, "/", bearer)).startsWith("HTTP/1.1 200").contains("<title>EngineBench dashboard</title>");
        assertThat(get(secured, "/reports/x.html", bearer)).startsWith("HTTP/1.1 200").endsWith("<p>report</p>");
        assertThat(upgrade(secured, bearer)).startsWith("HTTP/1.1 101");
    }

    @Test
    void aBrowserExchangesTheTokenOnceForASessionCookie() throws Exception {
        String viaUrl = get(secured, "/reports/x.html?token=" + TOKEN, "");
        assertThat(viaUrl).startsWith("HTTP/1.1 303").contains("Location: /reports/x.html\r\n").doesNotContain(TOKEN);
        String cookie = cookie(viaUrl);
        assertThat(get(secured, "/api/status", "Cookie: " + cookie + "\r\n")).startsWith("HTTP/1.1 200");
        assertThat(upgrade(secured, "Cookie: " + cookie + "\r\n")).startsWith("HTTP/1.1 101");

        String viaForm = post(secured, "/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8), "");
        assertThat(viaForm).startsWith("HTTP/1.1 303").contains("Location: /\r\n")
                .containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        assertThat(get(secured, "/", "Cookie: " + cookie(viaForm) + "\r\n")).startsWith("HTTP/1.1 200");
        assertThat(get(secured, "/", "Cookie: bench_session=forged\r\n")).startsWith("HTTP/1.1 401");
        // never to another site
        assertThat(get(secured, "//evil.example/?token=" + TOKEN, "")).contains("Location: /\r\n");
    }

    @Test
    void aForeignOriginOrHostIsRefused() throws Exception {
        assertThat(upgrade(open, "Origin: http://evil.example\r\n")).startsWith("HTTP/1.1 403").contains("not allowed");
        assertThat(get(open, "/api/status", "Origin: http://evil.example\r\n")).startsWith("HTTP/1.1 403");
        assertThat(get(open, "/api/status", "Origin: null\r\n")).startsWith("HTTP/1.1 403");
        assertThat(upgrade(open, "Origin: http://127.0.0.1:" + open.port() + "\r\n")).startsWith("HTTP/1.1 101");
        assertThat(upgrade(open, "Origin: http://127.0.0.1:1\r\n")).startsWith("HTTP/1.1 403");
        assertThat(upgrade(open, "Origin: https://dash.example:8443\r\n")).startsWith("HTTP/1.1 101");
        assertThat(get(open, "/api/status", "")).startsWith("HTTP/1.1 200");
        // DNS rebinding: a foreign name that resolves to 127.0.0.1, same-origin from the browser's view
        assertThat(raw(open, "GET /api/status HTTP/1.1\r\nHost: evil.example:" + open.port()
                + "\r\nOrigin: http://evil.example:" + open.port() + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 403");
        assertThat(raw(open, "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 403");
        assertThat(raw(open, "GET /api/status HTTP/1.1\r\nHost: localhost:" + open.port() + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        // the token does not replace the origin check
        assertThat(upgrade(secured, "Origin: http://evil.example\r\nAuthorization: Bearer " + TOKEN + "\r\n"))
                .startsWith("HTTP/1.1 403");
    }

    @Test
    void oversizedRequestsAndSilentConnectionsAreCut() throws Exception {
        assertThat(get(open, "/api/status", "X-Big: " + "a".repeat(10_000) + "\r\n")).startsWith("HTTP/1.1 431");
        assertThat(post(open, "/api/status", "x".repeat(20_000), "")).startsWith("HTTP/1.1 413");
        assertThat(post(open, "/api/status", "x", "")).startsWith("HTTP/1.1 405");
        try (Socket s = new Socket("127.0.0.1", open.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);  // closed, not answered
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        }
        // a live subscriber only listens: it outlives the idle timeout (the server pushes every 500 ms)
        try (Socket s = new Socket("127.0.0.1", open.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /ws/live HTTP/1.1\r\nHost: 127.0.0.1:" + open.port() + "\r\nUpgrade: websocket"
                    + "\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int bytes = 0;
            while (System.nanoTime() < until) {
                int n = in.read(new byte[4096]);
                assertThat(n).as("connection still open").isPositive();
                bytes += n;
            }
            assertThat(bytes).isPositive();
        }
    }

    @Test
    void anAnswerSlowerThanTheIdleTimeoutIsStillDelivered() throws Exception {
        ResultsSource slow = new ResultsSource() {
            @Override public boolean available() { return true; }

            @Override public List<Map<String, Object>> runs(RunFilter f) {
                try {
                    Thread.sleep(1200);  // three idle timeouts: a long warehouse query
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(Map.of("run_uid", "u1"));
            }

            @Override public Optional<Map<String, Object>> run(String id) { return Optional.empty(); }

            @Override public List<Map<String, Object>> runSummary(String id) { return List.of(); }

            @Override public List<Map<String, Object>> winners(String s, String m) { return List.of(); }

            @Override public List<Map<String, Object>> cellSummary(String s, String m) { return List.of(); }
        };
        DashboardConfig cfg = DashboardConfig.defaults().withPort(0)
                .withDirs(tmp.resolve("raw-results"), tmp.resolve("warehouse"), tmp.resolve("reports"))
                .withLimits(ConnectionLimits.DEFAULT.withIdleTimeout(Duration.ofMillis(400)));
        try (DashboardServer d = DashboardServer.start(cfg, slow)) {
            assertThat(get(d, "/api/runs", "")).startsWith("HTTP/1.1 200").contains("u1");
        }
    }

    @Test
    void theTokenNeverReachesTheOutputOrTheFilesAround() throws Exception {
        get(secured, "/?token=" + TOKEN, "");
        get(secured, "/?token=x" + TOKEN, "");
        get(secured, "/api/runs/abc", "Authorization: Bearer " + TOKEN + "\r\n");
        get(secured, "/api/runs/abc", "Authorization: Bearer x" + TOKEN + "\r\n");
        post(secured, "/login", "token=" + TOKEN, "");
        org.slf4j.LoggerFactory.getLogger(getClass()).debug("capture check");
        assertThat(captured.text()).contains("capture check").doesNotContain(TOKEN);
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(TOKEN);
            }
        }
    }

    static String cookie(String response) {
        Matcher m = Pattern.compile("Set-Cookie: (bench_session=[^;\r\n]+)", Pattern.CASE_INSENSITIVE).matcher(response);
        assertThat(m.find()).as(response).isTrue();
        return m.group(1);
    }

    static String get(DashboardServer d, String path, String headers) throws IOException {
        return raw(d, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\n" + headers
                + "Connection: close\r\n\r\n");
    }

    static String post(DashboardServer d, String path, String body, String headers) throws IOException {
        return raw(d, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\n" + headers
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    /** A WebSocket upgrade of /ws/live; returns the status line and headers (the socket is closed after them). */
    static String upgrade(DashboardServer d, String headers) throws IOException {
        String res = raw(d, "GET /ws/live HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + headers + "\r\n");
        int end = res.indexOf("\r\n\r\n");
        return end < 0 || !res.startsWith("HTTP/1.1 101") ? res : res.substring(0, end + 4);
    }

    /** Sends one raw request and reads until the server closes or, for a 101, until the headers are in. */
    static String raw(DashboardServer d, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", d.port())) {
            s.setSoTimeout(5000);
            OutputStream o = s.getOutputStream();
            o.write(request.getBytes(StandardCharsets.UTF_8));
            o.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                buf.write(chunk, 0, n);
                String sofar = buf.toString(StandardCharsets.UTF_8);
                if (sofar.startsWith("HTTP/1.1 101") && sofar.contains("\r\n\r\n")) break;
            }
            return buf.toString(StandardCharsets.UTF_8);
        } catch (java.net.SocketException e) {
            return "reset: " + e.getMessage();
        }
    }
}
