package io.enginebench.loadgen.engine;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEngineApiTest {
    private HttpServer server;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    private String serve(Map<String, String> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routes.forEach((path, response) -> server.createContext(path, ex -> {
            try (InputStream in = ex.getRequestBody()) {
                bodies.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] out = response.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        }));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void vllmShapes() throws IOException {
        String url = serve(Map.of("/health", "", "/version", "{\"version\":\"0.11.0\"}",
                "/tokenize", "{\"count\":9,\"max_model_len\":4096,\"tokens\":[1,2,3,4,5,6,7,8,9]}",
                "/v1/models", "{\"object\":\"list\",\"data\":[{\"id\":\"qwen\"},{\"id\":\"llama\"}]}"));
        try (HttpEngineApi api = HttpEngineApi.create(url, EngineKind.VLLM)) {
            assertThat(api.healthy()).isTrue();
            assertThat(api.version()).contains("0.11.0");
            assertThat(api.countTokens("qwen", "hello")).hasValue(9);
            assertThat(bodies.get("/tokenize")).contains("\"prompt\":\"hello\"").contains("\"model\":\"qwen\"");
            assertThat(api.models()).containsExactly("qwen", "llama");
        }
    }

    @Test
    void llamaCppShapesFromTheCapture() throws IOException {
        String url = serve(Map.of("/health", "{\"status\":\"ok\"}", "/props", "{\"build_info\":\"b4748-c392e5094\"}",
                "/tokenize", "{\"tokens\":[12027,7420,825,263,2254,6411,25856,947,29889]}"));
        try (HttpEngineApi api = HttpEngineApi.create(url, EngineKind.LLAMACPP)) {
            assertThat(api.version()).contains("b4748-c392e5094");
            assertThat(api.countTokens("m", "some text")).hasValue(9);
            assertThat(bodies.get("/tokenize")).isEqualTo("{\"content\":\"some text\"}");
        }
    }

    @Test
    void sglangVersionFromServerInfoAndMissingEndpointsAreEmpty() throws IOException {
        String url = serve(Map.of("/get_server_info", "{\"version\":\"0.5.3\",\"max_total_num_tokens\":1000}"));
        try (HttpEngineApi api = HttpEngineApi.create(url, EngineKind.SGLANG)) {
            assertThat(api.version()).contains("0.5.3");
            assertThat(api.countTokens("m", "x")).isEmpty(); // the JDK server answers 404 for unknown paths
            assertThat(api.models()).isEqualTo(List.of());
        }
    }

    @Test
    void unreachableEngineIsNotHealthy() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpEngineApi api = HttpEngineApi.create("http://127.0.0.1:" + port, EngineAdapters.forKind(EngineKind.VLLM),
                null, Duration.ofSeconds(2), k -> null)) {
            assertThat(api.healthy()).isFalse();
            assertThat(api.version()).isEmpty();
            assertThat(api.countTokens("m", "x")).isEmpty();
        }
    }
}
