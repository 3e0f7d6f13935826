package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.arrival.Dispatch;
import io.enginebench.loadgen.arrival.InterArrival;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.arrival.LoadOutcome;
import io.enginebench.loadgen.arrival.OpenLoop;
import io.enginebench.loadgen.arrival.PreciseWait;
import io.enginebench.loadgen.client.ClientOptions;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.scenario.ArrivalKind;
import io.enginebench.loadgen.summary.ConsoleTable;
import io.enginebench.trace.Outcome;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * End-to-end capacity and accuracy of the Netty client against {@link TickServer} on loopback. The server runs in a
 * separate JVM (started here, or already running: {@code --server-port}), so client and server can be pinned to
 * different CPUs ({@code --client-cpus}, {@code --server-cpus}, through {@code taskset}) instead of fighting for the
 * same ones. Both stamp with {@code System.nanoTime()} (CLOCK_MONOTONIC, one clock for the whole machine on Linux), so
 * the client-added latency stays exact across the two processes.
 * <ol>
 *   <li>streams held: for each level, that many concurrent streams of {@code --events} events every
 *       {@code --interval-us}, each stream starting at a uniformly random phase of the interval ({@code --phase
 *       aligned}: all in step, which turns every tick into a burst); reports errors, SSE events/s and client-added
 *       latency (arrival stamp − server send);</li>
 *   <li>open loop: the runner's {@link OpenLoop} with {@link PreciseWait} at each {@code --rates} value; reports the
 *       schedule lag (dispatch − scheduled).</li>
 * </ol>
 * The ramp stops at the first level with errors or an added-latency p99 above {@code --max-p99-ms} (default 1000:
 * past that the recorded times are no longer worth anything; the targets are judged on the table, not by this stop).
 */
public final class LoopbackHarness {
    private static final byte[] BODY = "{\"model\":\"m\",\"prompt\":\"hi\",\"stream\":true}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int[] levels = ints(o.getOrDefault("levels", "100,1000,2000,4000"));
        int events = Integer.parseInt(o.getOrDefault("events", "200"));
        int intervalUs = Integer.parseInt(o.getOrDefault("interval-us", "10000"));
        int[] rates = ints(o.getOrDefault("rates", "100,1000,5000"));
        double rateSeconds = Double.parseDouble(o.getOrDefault("rate-seconds", "3"));
        int clientThreads = Integer.parseInt(o.getOrDefault("client-threads", "1"));
        int serverThreads = Integer.parseInt(o.getOrDefault("server-threads", "1"));
        double maxP99Ms = Double.parseDouble(o.getOrDefault("max-p99-ms", "1000"));
        String phase = o.getOrDefault("phase", "uniform");
        if (!phase.equals("uniform") && !phase.equals("aligned")) {
            throw new IllegalArgumentException("--phase is uniform or aligned, not " + phase);
        }
        int maxLevel = 0;
        for (int l : levels) maxLevel = Math.max(maxLevel, l);

        String clientCpus = o.get("client-cpus");
        if (clientCpus != null) {
            // every thread so far, and every thread they start later (affinity is inherited)
            run("taskset", "-a", "-p", "-c", clientCpus, String.valueOf(ProcessHandle.current().pid()));
        }
        try (ServerProcess server = o.containsKey("server-port")
                ? ServerProcess.external(Integer.parseInt(o.get("server-port")))
                : ServerProcess.start(serverThreads, o.get("server-cpus"),
                        o.getOrDefault("server-java-opts", "-Xmx512m -XX:+UseParallelGC"))) {
            System.out.printf("machine: %d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), loadAverage());
            System.out.printf("client: %d event loop(s), CPUs %s; server: %s%n", clientThreads,
                    clientCpus == null ? "any" : clientCpus, server.description());
            System.out.printf("streams: %d events %d us apart, %s%n", events, intervalUs, phase.equals("uniform")
                    ? "each stream's first event at a uniformly random phase of the interval (streams not in step)"
                    : "all streams in step (every tick a burst of one event per stream)");
            try (NettyStreamingClient client = NettyStreamingClient.create("http://127.0.0.1:" + server.port(),
                    new ClientOptions(Math.max(maxLevel, 2_000), null, Duration.ofSeconds(10), clientThreads))) {
                // warm-up: JIT the whole path (client and server) before anything is measured
                holdStreams(client, server, Math.min(200, maxLevel), 100, 2_000, phase);
                holdStreams(client, server, Math.min(200, maxLevel), 500, 2_000, phase);

                ConsoleTable streams = new ConsoleTable("streams", "events/stream", "interval ms", "errors", "events/s",
                        "added p50 ms", "added p99 ms", "added p99.9 ms", "added max ms", "server late p99 ms",
                        "client CPU us/event", "of which kernel", "server CPU us/event", "of which kernel", "load avg");
                for (int level : levels) {
                    StreamsResult r = holdStreams(client, server, level, events, intervalUs, phase);
                    streams.row(String.valueOf(level), String.valueOf(events), fmt(intervalUs / 1000.0),
                            String.valueOf(r.errors), String.format("%,.0f", r.eventsPerSecond),
                            ms(r.added.getValueAtPercentile(50)), ms(r.added.getValueAtPercentile(99)),
                            ms(r.added.getValueAtPercentile(99.9)), ms(r.added.getMaxValue()),
                            ms(r.server.lateP99Nanos()),
                            String.format("%.2f", r.cpu.clientNanos() / 1e3 / r.events),
                            String.format("%.0f%%", 100.0 * (r.cpu.clientNanos() - r.cpu.clientUserNanos())
                                    / Math.max(1, r.cpu.clientNanos())),
                            String.format("%.2f", r.server.cpuNanos() / 1e3 / r.events),
                            String.format("%.0f%%", 100.0 * (r.server.cpuNanos() - r.server.userNanos())
                                    / Math.max(1, r.server.cpuNanos())),
                            loadAverage());
                    if (r.errors > 0 || r.added.getValueAtPercentile(99) > maxP99Ms * 1e6) {
                        System.out.println("stopping the ramp at " + level + " streams: "
                                + (r.errors > 0 ? r.errors + " errors (" + r.firstError + ")" : "added-latency p99 over " + maxP99Ms + " ms"));
                        break;
                    }
                }
                System.out.println("\nConcurrent streams (client-added latency = client arrival stamp - server send)");
                System.out.print(streams.render());

                ConsoleTable lag = new ConsoleTable("target req/s", "dispatch", "dispatched", "achieved req/s", "errors",
                        "lag p50 ms", "lag p99 ms", "lag max ms", "load avg");
                for (int rate : rates) {
                    lag.row(openLoop(client, rate, rateSeconds, true));
                    // the same schedule with a dispatch that does nothing: what is left is the thread's own wake-up jitter
                    lag.row(openLoop(client, rate, rateSeconds, false));
                }
                System.out.println("\nOpen-loop schedule lag (dispatch - scheduled; Poisson arrivals, PreciseWait)");
                System.out.print(lag.render());
            }
        }
    }

    record StreamsResult(long errors, String firstError, double eventsPerSecond, long events, Histogram added,
                         ServerProcess.Stats server, ThreadCpu.Split cpu) {}

    static StreamsResult holdStreams(NettyStreamingClient client, ServerProcess server, int streams, int events,
                                     int intervalUs, String phase) throws IOException {
        return holdStreams(client, server, streams, events,
                "events=" + events + "&interval_us=" + intervalUs + "&phase=" + phase);
    }

    /** {@code streams} concurrent streams of the tick server's {@code query}, each expected to carry {@code events}. */
    static StreamsResult holdStreams(NettyStreamingClient client, ServerProcess server, int streams, int events,
                                     String query) throws IOException {
        StreamRequest request = new StreamRequest("/v1/completions?" + query, BODY, Duration.ofSeconds(120),
                Duration.ofSeconds(30));
        server.takeStats();
        ThreadCpu cpu = new ThreadCpu();
        ThreadCpu.Split cpuBefore = cpu.now();
        List<CompletableFuture<StreamResult>> futures = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            futures.add(client.send(request));
        }
        Histogram added = new Histogram(3);
        long errors = 0;
        String firstError = null;
        long chunks = 0;
        long firstArrival = Long.MAX_VALUE;
        long lastArrival = Long.MIN_VALUE;
        for (CompletableFuture<StreamResult> f : futures) {
            StreamResult r = f.join();
            if (r.outcome() != Outcome.OK || r.contentChunkCount() != events) {
                errors++;
                if (firstError == null) firstError = r.outcome() + ": " + r.error() + ", chunks " + r.contentChunkCount();
                continue;
            }
            String[] sends = r.text().split(";");
            long[] arrivals = r.chunkNanos();
            for (int i = 0; i < arrivals.length; i++) {
                added.recordValue(Math.max(0, arrivals[i] - Long.parseLong(sends[i])));
            }
            chunks += arrivals.length;
            firstArrival = Math.min(firstArrival, arrivals[0]);
            lastArrival = Math.max(lastArrival, arrivals[arrivals.length - 1]);
        }
        double seconds = (lastArrival - firstArrival) / 1e9;
        return new StreamsResult(errors, firstError, seconds > 0 ? chunks / seconds : 0, Math.max(1, chunks), added,
                server.takeStats(), cpu.now().minus(cpuBefore));
    }

    static String[] openLoop(NettyStreamingClient client, int rate, double seconds, boolean send)
            throws InterruptedException {
        // short streams (4 events, 1 ms apart) so the load is mostly request churn: connection reuse, per-request objects
        StreamRequest request = new StreamRequest("/v1/completions?events=4&interval_us=1000", BODY,
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        long count = Math.max(1, Math.round(rate * seconds));
        long[] errors = {0};
        OpenLoop loop = new OpenLoop(InterArrival.of(ArrivalKind.POISSON, rate, 1.0, 42), null, PreciseWait.standard());
        long start = System.nanoTime();
        Dispatch dispatch = !send ? slot -> CompletableFuture.completedFuture(null)
                : slot -> client.send(request).thenAccept(r -> {
                    if (r.outcome() != Outcome.OK) {
                        synchronized (errors) { errors[0]++; }
                    }
                });
        LoadOutcome out = loop.run(count, Long.MAX_VALUE, dispatch, LoadControl.standard());
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram h = out.scheduleLag();
        return new String[] {String.valueOf(rate), send ? "client" : "no-op", String.valueOf(out.dispatched()),
                String.format("%,.0f", out.dispatched() / elapsed), String.valueOf(errors[0]),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), loadAverage()};
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String ms(long nanos) { return String.format("%.3f", nanos / 1e6); }

    private static String fmt(double v) { return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v); }

    private static int[] ints(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i].strip());
        return out;
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --option value, got " + args[i]);
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
