package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.client.StreamingClient;
import io.enginebench.loadgen.engine.EngineAdapter;
import io.enginebench.loadgen.engine.EngineAdapters;
import io.enginebench.loadgen.engine.EngineApi;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.EngineConnector;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.MetricsPoller;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.loadgen.summary.ConsoleTable;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Memory over a long run: the whole runner ({@link ScenarioRunner}: client, recorder, journal, seal) sends
 * {@code --requests} one-token requests at {@code --concurrency} to {@link TickServer} in its own JVM, and every
 * {@code --sample-seconds} a full collection is forced and the heap that lived through it is printed beside the
 * process's resident set (RSS), the requests done so far and the share of time spent in GC. A run that keeps its
 * records grows in both; one that streams them stays flat. Run it with the heap to prove, e.g. {@code -Xmx1g}
 * ({@code PERF_JAVA_OPTS}).
 */
public final class MemoryHarness {
    private MemoryHarness() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoopbackHarness.options(args);
        int requests = Integer.parseInt(o.getOrDefault("requests", "1000000"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "64"));
        int sampleSeconds = Integer.parseInt(o.getOrDefault("sample-seconds", "10"));
        String clientCpus = o.get("client-cpus");
        if (clientCpus != null) {
            LoopbackHarness.run("taskset", "-a", "-p", "-c", clientCpus, String.valueOf(ProcessHandle.current().pid()));
        }
        Path out = Files.createTempDirectory("bench-perf-memory");
        try (ServerProcess server = o.containsKey("server-port")
                ? ServerProcess.external(Integer.parseInt(o.get("server-port")))
                : ServerProcess.start(1, o.get("server-cpus"),
                        o.getOrDefault("server-java-opts", "-Xmx512m -XX:+UseParallelGC"))) {
            System.out.printf("machine: %d cores, Java %s, max heap %d MB, load average %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20, LoopbackHarness.loadAverage());
            System.out.printf("%,d requests of one token at concurrency %d against the tick server (%s); a full GC"
                    + " every %d s%n%n", requests, concurrency, server.description(), sampleSeconds);
            AtomicLong done = new AtomicLong();
            Sampler sampler = new Sampler(done);
            ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "memory-sampler");
                t.setDaemon(true);
                return t;
            });
            System.out.println(Sampler.HEADER);
            every.scheduleAtFixedRate(sampler::sample, sampleSeconds, sampleSeconds, TimeUnit.SECONDS);
            Scenario s = new ScenarioOverrides(requests, List.of(concurrency), null, 1, null, 1, 0, null, null)
                    .applyTo(ScenarioCatalog.standard().get("throughput_ramp"));
            RunResult r = new ScenarioRunner(new TickConnector(done),
                    PromptPacks.fromDirectory(Path.of(o.getOrDefault("prompts", "prompts"))), RunOptions.defaults(out), System.out)
                    .run(s, new EngineTarget(EngineKind.OPENAI, null, "http://127.0.0.1:" + server.port(), "tick", null),
                            LoadControl.standard()).get(0);
            every.shutdown();
            every.awaitTermination(1, TimeUnit.MINUTES);
            sampler.sample(); // after the seal
            System.out.println("\nMemory over the run (heap live = in use right after a forced full GC)");
            System.out.print(sampler.table.render());
            System.out.printf("run folder: %d requests sealed, %s%n", r.manifest().outcomes().values().stream()
                    .mapToLong(Long::longValue).sum(), r.manifest().status());
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** One row per sample: time, requests done, heap after a full GC, RSS, GC time share. */
    private static final class Sampler {
        private final AtomicLong done;
        private final long start = System.nanoTime();
        static final String HEADER = "sample: elapsed s, requests done, req/s, heap live MB, heap committed MB, RSS MB,"
                + " GC time %, load avg";
        private final ConsoleTable table = new ConsoleTable("elapsed s", "requests done", "req/s", "heap live MB",
                "heap committed MB", "RSS MB", "GC time %", "load avg");
        private long lastNanos = start;
        private long lastDone;
        private long lastGcMs = gcMillis();

        Sampler(AtomicLong done) { this.done = done; }

        synchronized void sample() {
            long gcBefore = gcMillis();
            System.gc();
            long now = System.nanoTime();
            long n = done.get();
            double seconds = (now - lastNanos) / 1e9;
            String[] row = {String.format("%.0f", (now - start) / 1e9), String.format("%,d", n),
                String.format("%,.0f", (n - lastDone) / seconds), String.valueOf(liveHeap() >> 20),
                String.valueOf(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20),
                String.valueOf(rssKb() >> 10), String.format("%.1f", 100.0 * (gcBefore - lastGcMs) / 1000 / seconds),
                LoopbackHarness.loadAverage()};
            table.row(row);
            System.out.println("sample: " + String.join(", ", row)); // as it goes, for a run cut short
            lastNanos = now;
            lastDone = n;
            lastGcMs = gcMillis(); // the forced collection is the harness's, not the run's
        }

        private static long liveHeap() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            return used;
        }

        private static long gcMillis() {
            long ms = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ms += Math.max(0, gc.getCollectionTime());
            }
            return ms;
        }

        private static long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: no RSS column
            }
            return 0;
        }
    }

    /**
     * The real Netty client against the tick server (one event per stream, at once), the OpenAI adapter, and an API
     * without a tokenizer or metrics (the tick server has neither); counts completed requests.
     */
    private static final class TickConnector implements EngineConnector {
        private final HttpEngineConnector http = new HttpEngineConnector();
        private final AtomicLong done;

        TickConnector(AtomicLong done) { this.done = done; }

        @Override
        public StreamingClient client(String baseUrl, int maxConnections, String apiKeyEnv) {
            StreamingClient netty = http.client(baseUrl, maxConnections, apiKeyEnv);
            return new StreamingClient() {
                @Override
                public CompletableFuture<StreamResult> send(StreamRequest r) {
                    StreamRequest tick = new StreamRequest(r.path() + "?events=1&interval_us=1", r.body(), r.timeout(),
                            r.idleTimeout(), r.requestId());
                    return netty.send(tick).whenComplete((x, e) -> done.incrementAndGet());
                }

                @Override
                public void close() { netty.close(); }
            };
        }

        @Override
        public EngineAdapter adapter(EngineKind kind) { return EngineAdapters.forKind(kind); }

        @Override
        public EngineApi api(String baseUrl, EngineKind kind, String apiKeyEnv) {
            return new EngineApi() {
                @Override public boolean healthy() { return true; }

                @Override public Optional<String> version() { return Optional.of("tick-server"); }

                @Override public OptionalInt countTokens(String model, String text) { return OptionalInt.empty(); }

                @Override public void close() {}
            };
        }

        @Override
        public MetricsPoller metricsPoller(String baseUrl, EngineKind kind, String apiKeyEnv, String runId) {
            return MetricsPoller.NONE;
        }
    }
}
