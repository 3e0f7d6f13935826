package io.enginebench.loadgen.cli;

import com.sun.net.httpserver.HttpServer;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCommandTest {
    private HttpServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(Map<String, String> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routes.forEach((path, body) -> server.createContext(path, ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        }));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new HealthCommand(name -> null));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            cmd.getErr().flush();
            return e instanceof UserFacingException ? 2 : 1;
        });
        return cl.execute(args);
    }

    @Test
    void reachableEngineReportsVersionAndModels() throws IOException {
        String url = serve(Map.of("/health", "", "/version", "{\"version\":\"0.11.0\"}",
                "/v1/models", "{\"data\":[{\"id\":\"qwen\"}]}"));
        assertThat(run("--base-url", url, "--kind", "vllm", "--model", "qwen")).isZero();
        assertThat(out.toString()).contains("reachable: yes").contains("0.11.0").contains("qwen").contains("served");
    }

    @Test
    void missingModelExitsNonZero() throws IOException {
        String url = serve(Map.of("/health", "", "/v1/models", "{\"data\":[{\"id\":\"qwen\"}]}"));
        assertThat(run("--base-url", url, "--model", "other")).isEqualTo(1);
        assertThat(out.toString()).contains("model other: NOT served");
    }

    @Test
    void unreachableEngineIsAOneLineUserError() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(run("--base-url", "http://127.0.0.1:" + port, "--timeout-ms", "2000")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("engine at http://127.0.0.1:" + port + " is unreachable").doesNotContain("\n");
    }

    @Test
    void unknownKindIsAUserError() {
        assertThat(run("--base-url", "http://127.0.0.1:1", "--kind", "tgi")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown engine kind 'tgi'");
    }

    @Test
    void loadgenCommandsContributeHealth() {
        assertThat(LoadgenCommands.all()).hasAtLeastOneElementOfType(HealthCommand.class);
    }
}
