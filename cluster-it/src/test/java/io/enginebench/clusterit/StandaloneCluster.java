package io.enginebench.clusterit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1: one Master and {@code workers} Workers of one core each, every daemon (and
 * every executor a Worker launches) in its own JVM. {@link #close} stops all of them, executors included.
 */
final class StandaloneCluster implements AutoCloseable {
    static final String MASTER = "org.apache.spark.deploy.master.Master";
    static final String WORKER = "org.apache.spark.deploy.worker.Worker";

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final int masterPort;
    private final int masterWebUiPort;
    private final Path logs;

    private StandaloneCluster(int masterPort, int masterWebUiPort, Path logs) {
        this.masterPort = masterPort;
        this.masterWebUiPort = masterWebUiPort;
        this.logs = logs;
    }

    /** Starts the Master and the Workers and waits until every Worker has registered (at most {@code timeout}). */
    static StandaloneCluster start(SparkHome home, Path work, int workers, String workerMemory, Duration timeout)
            throws Exception {
        Path logs = Files.createDirectories(work.resolve("logs"));
        StandaloneCluster c = new StandaloneCluster(freePort(), freePort(), logs);
        try {
            c.processes.add(home.start(home.command("512m", MASTER, List.of("--host", "127.0.0.1",
                    "--port", String.valueOf(c.masterPort), "--webui-port", String.valueOf(c.masterWebUiPort))),
                    logs.resolve("master.log"), Map.of()));
            for (int i = 1; i <= workers; i++) {
                Path dir = Files.createDirectories(work.resolve("worker-" + i));
                c.processes.add(home.start(home.command("512m", WORKER, List.of("--host", "127.0.0.1",
                        "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                        "--cores", "1", "--memory", workerMemory, "--work-dir", dir.resolve("apps").toString(),
                        c.masterUrl())), logs.resolve("worker-" + i + ".log"),
                        Map.of("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString())));
            }
            c.awaitAliveWorkers(workers, timeout);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() { return "spark://127.0.0.1:" + masterPort; }

    Path logs() { return logs; }

    /** The Master's state as its web UI serves it at {@code /json/} (workers, active and completed applications). */
    JsonNode state() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("master /json/ answered " + r.statusCode());
        return json.readTree(r.body());
    }

    private void awaitAliveWorkers(int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) throw new IllegalStateException("a cluster daemon exited; logs in " + logs);
            }
            try {
                JsonNode s = state();
                last = "alive workers: " + s.path("aliveworkers").asInt();
                if (s.path("aliveworkers").asInt() >= n) return;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("cluster not up after " + timeout.toSeconds() + " s (" + last + "); logs in " + logs);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        // Workers first (each takes its executors down), then the Master
        for (int i = processes.size() - 1; i >= 0; i--) Processes.stop(processes.get(i));
    }
}
