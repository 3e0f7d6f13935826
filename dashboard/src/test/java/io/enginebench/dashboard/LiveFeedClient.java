package io.enginebench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.trace.TraceJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A subscriber of {@code /ws/live} built on java.net.http: collects every message it receives. */
final class LiveFeedClient implements AutoCloseable {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    LiveFeedClient(int port) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/live"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                messages.add(TraceJson.mapper().readTree(partial.toString()));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }

    /** Waits for a message that satisfies {@code test}; fails after {@code timeout}. */
    JsonNode await(Predicate<JsonNode> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (System.nanoTime() < deadline) {
            while (checked < messages.size()) {
                JsonNode m = messages.get(checked++);
                if (test.test(m)) return m;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching live message within " + timeout + "; last: "
                + (messages.isEmpty() ? "none" : messages.get(messages.size() - 1)));
    }

    static JsonNode run(JsonNode message, String runId) {
        for (JsonNode r : message.path("runs")) if (runId.equals(r.path("run_id").asText())) return r;
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
