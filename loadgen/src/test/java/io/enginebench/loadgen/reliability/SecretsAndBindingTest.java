package io.enginebench.loadgen.reliability;

import io.enginebench.loadgen.cli.LoadgenMainForTests;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import io.enginebench.trace.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Servers bind loopback by default, and an API key travels only from an environment variable to the Authorization
 * header: it is in no file a run writes, and a wrong key is an http_error that keeps the server's answer.
 */
class SecretsAndBindingTest {
    /** Recognisable, so a leak anywhere is found by a byte search. */
    private static final String FAKE_KEY = "sk-enginebench-FAKE-7f3c9a1d5e";
    private static final String KEY_VAR = "ENGINEBENCH_TEST_API_KEY";

    @TempDir
    Path out;

    @Test
    void simulatorBindsLoopbackByDefault() {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED))) {
            assertThat(sim.config().bind()).isEqualTo("127.0.0.1");
            assertThat(URI.create(sim.baseUrl()).getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void simulatorWithAKeyRejectsRequestsWithoutIt() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withApiKey(FAKE_KEY))) {
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"model\":\"" + sim.config().modelName() + "\",\"prompt\":\"hi\",\"max_tokens\":2}";
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> none = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).isEqualTo("{\"error\":\"Unauthorized\"}");
            HttpResponse<String> wrong = http.send(post.header("Authorization", "Bearer nope").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/completions"))
                    .header("Authorization", "Bearer " + FAKE_KEY).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).isEqualTo(200);
            // health stays open, as vLLM keeps it outside --api-key
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void apiKeyFromTheEnvironmentReachesTheServerButNoFileOfTheRun() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(5)
                .withApiKey(FAKE_KEY))) {
            Path log = out.resolve("bench-run.log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LoadgenMainForTests.class.getName(),
                    "--scenario", "single_request_latency", "--base-url", sim.baseUrl(), "--kind", "sim",
                    "--variant", "vllm", "--model", sim.config().modelName(), "--api-key-env", KEY_VAR,
                    "--requests", "6", "--warmup", "1", "--max-tokens", "8", "--prompts-dir",
                    Path.of("..", "prompts").toString(), "--output", out.toString(), "--quiet", "--hardware", "test",
                    "--request-timeout", "5", "--idle-timeout", "2")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put(KEY_VAR, FAKE_KEY);
            Process p = pb.start();
            try {
                boolean ended = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> p.waitFor(55, TimeUnit.SECONDS));
                assertThat(ended).as("bench run ended").isTrue();
            } finally {
                p.destroyForcibly();
            }
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("outcomes: ok 6");

            Path runDir;
            try (Stream<Path> s = Files.list(out)) {
                runDir = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            RunManifest m = new RunFolder(runDir).readManifest();
            assertThat(m.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(m.outcomes()).isEqualTo(Map.of("ok", 6L)); // the key was sent: the server demanded it

            List<Path> files;
            try (Stream<Path> s = Files.walk(out)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertThat(files).extracting(f -> f.getFileName().toString())
                    .contains("manifest.json", "requests.parquet", "engine_metrics.parquet", "prompts.parquet",
                            "bench-run.log");
            byte[] key = FAKE_KEY.getBytes(StandardCharsets.UTF_8);
            for (Path f : files) {
                assertThat(indexOf(Files.readAllBytes(f), key)).as("key bytes in %s", f).isEqualTo(-1);
            }
            // the manifest names no key variable value either; the variable's name is fine to keep
            assertThat(Files.readString(runDir.resolve("manifest.json"))).doesNotContain(FAKE_KEY);
        }
    }

    @Test
    void wrongKeyIsAnHttpErrorWithTheServersBody() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(5)
                .withApiKey(FAKE_KEY))) {
            HttpEngineConnector connector = new HttpEngineConnector(Map.of(KEY_VAR, "sk-wrong-key")::get);
            EngineTarget target = new EngineTarget(EngineKind.SIM, "vllm", sim.baseUrl(), sim.config().modelName(),
                    KEY_VAR);
            FaultRun r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> FaultRun.of(out, connector, target, 4, Duration.ofSeconds(3), Duration.ofSeconds(1)));
            assertThat(r.requests()).hasSize(4).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("http_error");
                assertThat(x.httpStatus()).isEqualTo(401);
                assertThat(x.error()).isEqualTo("{\"error\":\"Unauthorized\"}");
            });
            assertThat(r.manifest().outcomes()).isEqualTo(Map.of("http_error", 4L));
            assertThat(r.console()).contains("outcomes: http_error 4").doesNotContain("sk-wrong-key");
        }
    }

    @Test
    void loopbackIsWhatTheDefaultsResolveTo() throws Exception {
        assertThat(InetAddress.getByName(SimConfig.of(Personality.SGLANG, ModelPreset.FIXED).bind())
                .isLoopbackAddress()).isTrue();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
