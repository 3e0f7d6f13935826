package io.enginebench.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local headless Chromium for browser tests: one page driven over the DevTools Protocol (open, evaluate,
 * screenshot, console errors), or a one-shot DOM dump. Tests skip when {@link #installed()} is false.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Flags every start shares: no sandbox (root in CI), nothing fetched in the background. */
    private static final List<String> COMMON_FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--no-default-browser-check");

    private final Path profile;
    private final Process process;
    private final DevToolsConnection devtools;

    /** Starts Chromium with a fresh profile (deleted on close) and opens one blank page. */
    public HeadlessChromium() throws IOException {
        profile = Files.createTempDirectory("eb-chromium");
        List<String> command = command(profile, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                "--allow-file-access-from-files", "about:blank");
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        devtools = new DevToolsConnection(readDevToolsUrl(), TIMEOUT);
        devtools.attachNewPage();
        for (String domain : List.of("Page", "Runtime", "Log")) {
            devtools.call(domain + ".enable", Map.of());
        }
        devtools.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900,
                "deviceScaleFactor", 1, "mobile", false));
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Loads the page in a separate Chromium, lets its scripts run for up to five seconds of virtual time and returns
     * the DOM they left.
     */
    public static String dumpDom(URI page, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium");
        Path out = Files.createTempFile(workDir, "dom", ".html");
        Path err = Files.createTempFile(workDir, "chromium", ".err");
        Process p = new ProcessBuilder(command(profile, "--virtual-time-budget=5000", "--dump-dom", page.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 90 s: " + page);
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        if (!dom.contains("</body>")) {
            throw new IOException("chromium dumped no page for " + page + "; stderr: " + Files.readString(err));
        }
        return dom;
    }

    private static List<String> command(Path profile, String... more) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(COMMON_FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(List.of(more));
        return command;
    }

    private String readDevToolsUrl() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String line = err.readLine(); line != null && System.nanoTime() < deadline; line = err.readLine()) {
            Matcher m = DEVTOOLS_URL.matcher(line);
            if (m.find()) {
                // keep draining stderr so that chromium never blocks on a full pipe
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IOException("chromium did not print its DevTools URL");
    }

    /** Opens the URL and waits for its load event. */
    public void open(String url) {
        var loaded = devtools.nextEvent("Page.loadEventFired");
        devtools.call("Page.navigate", Map.of("url", url));
        loaded.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Evaluates an expression in the page and returns its value (awaiting promises). */
    public JsonNode evaluate(String expression) {
        JsonNode r = devtools.call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("evaluation failed: " + r.path("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Screenshot of the page from the top, at most {@code maxHeight} CSS pixels tall. */
    public void screenshot(Path png, int maxHeight) throws IOException {
        JsonNode size = devtools.call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        double height = Math.min(maxHeight, Math.max(1, size.path("height").asDouble()));
        double width = Math.max(1, size.path("width").asDouble());
        String data = devtools.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)))
                .path("data").asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** Console errors and uncaught exceptions seen so far. */
    public List<String> errors() {
        return devtools.errors();
    }

    /** Console errors and uncaught exceptions seen since the last call. */
    public List<String> takeErrors() {
        return devtools.takeErrors();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            devtools.close();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
