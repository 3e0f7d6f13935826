package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.loadgen.client.BaseUrl;
import io.enginebench.loadgen.client.GenerationRequest;
import io.enginebench.trace.UserFacingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * {@link EngineApi} over the JDK's blocking HTTP client: these calls happen before and around a run, never on the
 * load path. Which endpoints exist and what they look like comes from the {@link EngineAdapter}.
 */
public final class HttpEngineApi implements EngineApi {
    private final String base;
    private final EngineAdapter adapter;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    private HttpEngineApi(String base, EngineAdapter adapter, String authorization, Duration timeout) {
        this.base = base;
        this.adapter = adapter;
        this.authorization = authorization;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @param apiKeyEnv name of the environment variable with the bearer token, or null
     */
    public static HttpEngineApi create(String baseUrl, EngineAdapter adapter, String apiKeyEnv, Duration timeout,
                                       Function<String, String> env) {
        String base = BaseUrl.parse(baseUrl).toString();
        String authorization = null;
        if (apiKeyEnv != null && !apiKeyEnv.isBlank()) {
            String key = env.apply(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new UserFacingException("environment variable " + apiKeyEnv + " (API key) is not set");
            }
            authorization = "Bearer " + key.strip();
        }
        return new HttpEngineApi(base, adapter, authorization, timeout);
    }

    public static HttpEngineApi create(String baseUrl, EngineKind kind) {
        return create(baseUrl, EngineAdapters.forKind(kind), null, Duration.ofSeconds(5), System::getenv);
    }

    /** The health endpoint's status code. @throws UncheckedIOException when the engine cannot be reached at all */
    public int healthStatus() {
        try {
            return get(adapter.healthPath()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean healthy() {
        try {
            return healthStatus() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> version() {
        return adapter.versionSource().flatMap(source -> getJson(source.path())
                .map(node -> node.path(source.field()))
                .filter(JsonNode::isValueNode)
                .map(JsonNode::asText)
                .filter(s -> !s.isBlank()));
    }

    @Override
    public OptionalInt countTokens(String model, String text) {
        return adapter.tokenizeBody(model, text).map(this::tokenCount).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt countChatTokens(String model, List<GenerationRequest.ChatMessage> messages) {
        Optional<byte[]> direct = adapter.chatTokenizeBody(model, messages);
        if (direct.isPresent()) return tokenCount(direct.get());
        return adapter.applyTemplateBody(messages)
                .flatMap(body -> postJson("/apply-template", body))
                .map(node -> node.path("prompt"))
                .filter(JsonNode::isTextual)
                .map(prompt -> countTokens(model, prompt.asText()))
                .orElse(OptionalInt.empty());
    }

    /** {@code POST /tokenize}: the count the engine answers ({@code count}, or the length of {@code tokens}). */
    private OptionalInt tokenCount(byte[] body) {
        Optional<JsonNode> node = postJson("/tokenize", body);
        if (node.isEmpty()) return OptionalInt.empty();
        if (node.get().path("count").isInt()) return OptionalInt.of(node.get().path("count").asInt());
        if (node.get().path("tokens").isArray()) return OptionalInt.of(node.get().path("tokens").size());
        return OptionalInt.empty();
    }

    private Optional<JsonNode> postJson(String path, byte[] body) {
        try {
            HttpResponse<byte[]> r = http.send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? Optional.of(json.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public List<String> models() {
        List<String> ids = new ArrayList<>();
        getJson("/v1/models").ifPresent(node -> node.path("data").forEach(m -> {
            if (m.path("id").isTextual()) {
                ids.add(m.path("id").asText());
            }
        }));
        return ids;
    }

    @Override
    public Optional<SimulatorSettings> simulatorSettings() {
        if (adapter.kind() != EngineKind.SIM) return Optional.empty();
        return getJson("/version").map(n -> new SimulatorSettings(n.path("preset").isTextual()
                ? n.path("preset").asText() : null, n.path("speed").isNumber() ? n.path("speed").asDouble() : null));
    }

    /** The JSON body of a GET that answered 200, or empty. Used by the metrics scraper for {@code /get_server_info}. */
    public Optional<JsonNode> getJson(String path) {
        try {
            HttpResponse<byte[]> r = get(path);
            return r.statusCode() == 200 ? Optional.of(json.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The text body of a GET that answered 200, or empty. */
    public Optional<String> getText(String path) {
        TextResponse r = fetchText(path);
        return r.status() == 200 ? Optional.of(r.body()) : Optional.empty();
    }

    /**
     * A GET's status and text body. Used for {@code /metrics}, where a 404 (the engine has no such endpoint) is
     * told apart from a failure that may pass.
     *
     * @return status {@link TextResponse#UNREACHABLE} and no body when the engine could not be reached
     */
    public TextResponse fetchText(String path) {
        try {
            HttpResponse<byte[]> r = get(path);
            return new TextResponse(r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new TextResponse(TextResponse.UNREACHABLE, null);
        }
    }

    /** What a GET answered: its status ({@link #UNREACHABLE} when there was no answer) and its text. */
    public record TextResponse(int status, String body) {
        public static final int UNREACHABLE = -1;
    }

    public EngineAdapter adapter() { return adapter; }

    private HttpResponse<byte[]> get(String path) throws IOException {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    public String baseUrl() { return base; }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads end when it becomes unreachable
    }

    @Override
    public String toString() {
        return "HttpEngineApi[" + base + ", " + adapter.kind().wire() + "]";
    }
}
