package io.enginebench.loadgen.reliability;

import io.enginebench.loadgen.cli.EngineMainForTests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The simulator as a separate JVM on a fixed port, so a test can kill it like a crashed engine and start it again. */
final class SimProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final Path log;
    private Process process;

    private SimProcess(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts the simulator (fixed preset: 10 ms per token) on a free port and waits until it is healthy. */
    static SimProcess start(Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SimProcess sim = new SimProcess(port, log);
        sim.restart();
        return sim;
    }

    String baseUrl() { return "http://127.0.0.1:" + port; }

    /** SIGKILL: the engine dies with its connections open, as in an out-of-memory kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the simulator again on the same port and waits (generously) until it answers. */
    void restart() throws Exception {
        process = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                EngineMainForTests.class.getName(), "sim", "--port", Integer.toString(port), "--preset", "fixed")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!healthy()) {
            if (!process.isAlive()) throw new IllegalStateException("simulator exited; see " + log);
            if (System.nanoTime() > deadline) throw new IllegalStateException("simulator not healthy; see " + log);
            Thread.sleep(100);
        }
    }

    boolean healthy() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) kill();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
