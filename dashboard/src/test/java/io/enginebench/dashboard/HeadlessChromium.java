package io.enginebench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.trace.TraceJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with java.net.http's WebSocket: one page, console
 * errors and uncaught exceptions collected, JavaScript evaluated in the page.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    final List<String> errors = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = TraceJson.mapper();
    private final Process process;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket page;

    HeadlessChromium(Path profileDir) throws Exception {
        process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--remote-debugging-port=0", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + Files.createDirectories(profileDir), "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserUrl = readDevToolsUrl();
        // the browser endpoint creates targets; the page endpoint speaks to that one page
        String hostPort = URI.create(browserUrl).getAuthority();
        WebSocket browser = connect(browserUrl);
        JsonNode target = call(browser, "Target.createTarget", Map.of("url", "about:blank"));
        page = connect("ws://" + hostPort + "/devtools/page/" + target.path("targetId").asText());
        call(page, "Runtime.enable", Map.of());
        call(page, "Log.enable", Map.of());
        call(page, "Page.enable", Map.of());
    }

    private String readDevToolsUrl() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // process ended
                    }
                }, "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IOException("chromium exited without a DevTools URL (exit " + process.exitValue() + ")");
    }

    void navigate(String url) throws Exception { call(page, "Page.navigate", Map.of("url", url)); }

    /** Evaluates an expression in the page and returns its value (by value). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call(page, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) throw new AssertionError("evaluation failed: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    private JsonNode call(WebSocket ws, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = json.createObjectNode().put("id", id).put("method", method);
        msg.set("params", json.valueToTree(params));
        ws.sendText(json.writeValueAsString(msg), true).join();
        JsonNode res = answer.get(30, TimeUnit.SECONDS);
        if (res.has("error")) throw new AssertionError(method + ": " + res.get("error"));
        return res.path("result");
    }

    private WebSocket connect(String url) {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    onMessage(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).join();
    }

    private void onMessage(String text) {
        try {
            JsonNode m = json.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) f.complete(m);
                return;
            }
            String method = m.path("method").asText();
            JsonNode p = m.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    if (p.path("type").asText().equals("error")) errors.add("console.error: " + p.path("args"));
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) {
                        errors.add("log: " + p.path("entry").path("text").asText() + " "
                                + p.path("entry").path("url").asText());
                    }
                }
                default -> { }
            }
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + e);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
