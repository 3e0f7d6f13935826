package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.arrival.ClosedLoop;
import io.enginebench.loadgen.arrival.Dispatch;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.arrival.Slot;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.trace.Outcome;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The loads behind the rows of {@link FidelityRow}, each measured once against the {@link TickServer}: CPU is the
 * client's event loops' thread CPU ({@link ThreadCpu}, user + kernel) over the measured load only, so neither the JIT's
 * nor the GC's threads nor the harness's own bookkeeping after the load count.
 */
enum FidelityWorkload {
    /** streams of events written 8 at a time every 10 ms (several events per read) */
    BURST {
        @Override
        Map<String, Double> measure(NettyStreamingClient client, ServerProcess server, int streams, boolean quick)
                throws IOException {
            int events = quick ? 80 : 800;
            return streams(LoopbackHarness.holdStreams(client, server, streams, events,
                    "events=" + events + "&interval_us=10000&per_write=8"));
        }
    },
    /** streams of one event every 10 ms, each stream at a random phase (one event per read) */
    PACED {
        @Override
        Map<String, Double> measure(NettyStreamingClient client, ServerProcess server, int streams, boolean quick)
                throws IOException {
            int events = quick ? 20 : 300;
            return streams(LoopbackHarness.holdStreams(client, server, streams, events,
                    "events=" + events + "&interval_us=10000&phase=uniform"));
        }
    },
    /** the runner's closed loop of one-token responses, the token sent with the headers */
    REQUESTS {
        @Override
        Map<String, Double> measure(NettyStreamingClient client, ServerProcess server, int streams, boolean quick)
                throws InterruptedException {
            long total = (long) streams * (quick ? 3 : 50);
            ClosedLoopRun run = closedLoop(client, streams, total, "events=1&interval_us=1000&phase=immediate",
                    (slot, r) -> {});
            Map<String, Double> out = new LinkedHashMap<>();
            out.put(CPU_PER_REQUEST, run.cpuNanos / 1e3 / total);
            out.put(ERRORS, (double) run.errors);
            return out;
        }
    },
    /** the runner's closed loop against a server whose time to first token is zero: 16 events 1 ms apart */
    TTFT {
        @Override
        Map<String, Double> measure(NettyStreamingClient client, ServerProcess server, int streams, boolean quick)
                throws InterruptedException {
            Histogram ttft = new SynchronizedHistogram(3);
            Histogram fromSlot = new SynchronizedHistogram(3);
            ClosedLoopRun run = closedLoop(client, streams, (long) streams * (quick ? 2 : 10),
                    "events=16&interval_us=1000&phase=immediate", (slot, r) -> {
                        long first = r.firstTokenNanos() != null ? r.firstTokenNanos() : r.firstChunkNanos();
                        ttft.recordValue(Math.max(0, first - r.sentNanos()));
                        // a slot freed by a completion: its scheduled time is the moment it was freed
                        if (slot.sequence() >= streams) fromSlot.recordValue(Math.max(0, first - slot.scheduledNanos()));
                    });
            Map<String, Double> out = new LinkedHashMap<>();
            out.put(TTFT_P50, ttft.getValueAtPercentile(50) / 1e6);
            out.put(TTFT_FROM_SLOT_P50, fromSlot.getValueAtPercentile(50) / 1e6);
            out.put(ERRORS, (double) run.errors);
            return out;
        }
    };

    static final String CPU_PER_EVENT = "cpu_us_per_event";
    static final String CPU_PER_REQUEST = "cpu_us_per_request";
    /** the part of the event loops' CPU spent in the kernel (system time), 0–1 */
    static final String KERNEL_SHARE = "cpu_kernel_share";
    static final String ADDED_P99 = "added_p99_ms";
    static final String TTFT_P50 = "ttft_p50_ms";
    static final String TTFT_FROM_SLOT_P50 = "ttft_from_slot_p50_ms";
    static final String ERRORS = "errors";

    private static final byte[] BODY = "{\"model\":\"m\",\"prompt\":\"hi\",\"stream\":true}"
            .getBytes(StandardCharsets.UTF_8);

    /** The figures of one load, by the names above. */
    abstract Map<String, Double> measure(NettyStreamingClient client, ServerProcess server, int streams, boolean quick)
            throws IOException, InterruptedException;

    private static Map<String, Double> streams(LoopbackHarness.StreamsResult r) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(CPU_PER_EVENT, r.cpu().clientNanos() / 1e3 / r.events());
        out.put(KERNEL_SHARE, (r.cpu().clientNanos() - r.cpu().clientUserNanos()) / (double) Math.max(1, r.cpu().clientNanos()));
        out.put(ADDED_P99, r.added().getValueAtPercentile(99) / 1e6);
        out.put(ERRORS, (double) r.errors());
        return out;
    }

    private record ClosedLoopRun(long cpuNanos, long errors) {}

    private static ClosedLoopRun closedLoop(NettyStreamingClient client, int concurrency, long total, String query,
                                            BiConsumer<Slot, StreamResult> onOk)
            throws InterruptedException {
        StreamRequest request = new StreamRequest("/v1/completions?" + query, BODY, Duration.ofSeconds(60),
                Duration.ofSeconds(30));
        AtomicLong errors = new AtomicLong();
        Dispatch dispatch = slot -> client.send(request).thenAccept(r -> {
            if (r.outcome() != Outcome.OK) {
                errors.incrementAndGet();
            } else {
                onOk.accept(slot, r);
            }
        });
        ThreadCpu cpu = new ThreadCpu();
        ThreadCpu.Split before = cpu.now();
        new ClosedLoop(concurrency).run(total, dispatch, LoadControl.standard());
        return new ClosedLoopRun(cpu.now().minus(before).clientNanos(), errors.get());
    }
}
