package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.arrival.ClosedLoop;
import io.enginebench.loadgen.arrival.Dispatch;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.client.ClientOptions;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.loadgen.client.SelfWarmup;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.summary.ConsoleTable;
import io.enginebench.loadgen.summary.IdleSlots;
import io.enginebench.trace.Outcome;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The runner's closed loop ({@link ClosedLoop}) through the real client against {@link TickServer} in its own JVM,
 * level after level in one fresh JVM, the way a run meets them: per level the hand-off (a slot freed by a completion →
 * the next request's bytes written), the share of slot-time left idle, the client-added latency of every chunk (arrival
 * stamp − server send), the client's CPU per request and the JIT's time during the level. With
 * {@code --client-warmup none} the first level meets a cold client, as every run did before the self-warm-up.
 */
public final class ClosedLoopHarness {
    private static final byte[] BODY = "{\"model\":\"m\",\"prompt\":\"hi\",\"stream\":true}".getBytes();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoopbackHarness.options(args);
        int[] levels = ints(o.getOrDefault("levels", "64,256,64,256"));
        int perSlot = Integer.parseInt(o.getOrDefault("requests-per-slot", "10"));
        int events = Integer.parseInt(o.getOrDefault("events", "16"));
        int intervalUs = Integer.parseInt(o.getOrDefault("interval-us", "1000"));
        int clientThreads = Integer.parseInt(o.getOrDefault("client-threads", "0"));
        boolean warm = !o.getOrDefault("client-warmup", "auto").equals("none");
        String clientCpus = o.get("client-cpus");
        if (clientCpus != null) {
            LoopbackHarness.run("taskset", "-a", "-p", "-c", clientCpus, String.valueOf(ProcessHandle.current().pid()));
        }
        int max = 0;
        for (int l : levels) max = Math.max(max, l);
        try (ServerProcess server = ServerProcess.start(Integer.parseInt(o.getOrDefault("server-threads", "1")),
                o.get("server-cpus"), o.getOrDefault("server-java-opts", "-Xmx512m -XX:+UseParallelGC"))) {
            System.out.printf("machine: %d cores, Java %s, load average %s; %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    LoopbackHarness.loadAverage(), warm ? SelfWarmup.oncePerProcess(r -> {})
                            .map(SelfWarmup.Report::describe).orElse("client warm-up done before") : "no client warm-up");
            System.out.printf("requests: %d events %d us apart (first at a random phase); %d requests per slot%n",
                    events, intervalUs, perSlot);
            ConsoleTable table = new ConsoleTable("level", "concurrency", "requests", "errors", "hand-off p50 ms",
                    "hand-off p99 ms", "hand-off max ms", "idle slots", "added p50 ms", "added p99 ms",
                    "client CPU us/request", "JIT ms", "load avg");
            try (NettyStreamingClient client = NettyStreamingClient.create("http://127.0.0.1:" + server.port(),
                    new ClientOptions(max, null, Duration.ofSeconds(10), clientThreads))) {
                for (int i = 0; i < levels.length; i++) {
                    table.row(level(client, i, levels[i], levels[i] * perSlot, events, intervalUs));
                }
            }
            System.out.println("\nClosed loop (hand-off = slot freed -> next request written; added = arrival - server send)");
            System.out.print(table.render());
        }
    }

    private static String[] level(NettyStreamingClient client, int index, int concurrency, int total, int events,
                                  int intervalUs) throws InterruptedException {
        StreamRequest request = new StreamRequest("/v1/completions?events=" + events + "&interval_us=" + intervalUs,
                BODY, Duration.ofSeconds(60), Duration.ofSeconds(30));
        Histogram handOff = new SynchronizedHistogram(3);
        Histogram added = new SynchronizedHistogram(3);
        List<long[]> spans = Collections.synchronizedList(new ArrayList<>());
        long[] errors = {0};
        Dispatch dispatch = slot -> client.send(request).thenAccept(r -> {
            if (r.outcome() != Outcome.OK) {
                synchronized (errors) { errors[0]++; }
                return;
            }
            if (slot.sequence() >= concurrency) handOff.recordValue(Math.max(0, r.sentNanos() - slot.scheduledNanos()));
            spans.add(new long[] {r.sentNanos(), r.completedNanos()});
            String[] sends = r.text().split(";");
            long[] arrivals = r.chunkNanos();
            for (int i = 0; i < arrivals.length && i < sends.length; i++) {
                added.recordValue(Math.max(0, arrivals[i] - Long.parseLong(sends[i])));
            }
        });
        var jit = ManagementFactory.getCompilationMXBean();
        long jitBefore = jit.getTotalCompilationTime();
        ThreadCpu cpu = new ThreadCpu();
        ThreadCpu.Split cpuBefore = cpu.now();
        new ClosedLoop(concurrency).run(total, dispatch, LoadControl.standard());
        long cpuNanos = cpu.now().minus(cpuBefore).clientNanos();
        return new String[] {"L" + index, String.valueOf(concurrency), String.valueOf(total), String.valueOf(errors[0]),
                ms(handOff.getValueAtPercentile(50)), ms(handOff.getValueAtPercentile(99)), ms(handOff.getMaxValue()),
                String.format("%.1f%%", 100 * idleShare(spans, concurrency)), ms(added.getValueAtPercentile(50)),
                ms(added.getValueAtPercentile(99)), String.format("%.0f", cpuNanos / 1e3 / total),
                String.valueOf(jit.getTotalCompilationTime() - jitBefore), LoopbackHarness.loadAverage()};
    }

    /** The level's idle-slot share ({@link IdleSlots}) over the spans recorded so far. */
    static double idleShare(List<long[]> spans, int concurrency) {
        synchronized (spans) {
            return IdleSlots.share(new ArrayList<>(spans), concurrency);
        }
    }

    private static String ms(long nanos) { return String.format("%.3f", nanos / 1e6); }

    private static int[] ints(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i].strip());
        return out;
    }
}
