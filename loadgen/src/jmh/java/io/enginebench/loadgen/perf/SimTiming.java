package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.client.ClientOptions;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.loadgen.client.StreamRequest;
import io.enginebench.loadgen.client.StreamResult;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.summary.ConsoleTable;
import io.enginebench.trace.Outcome;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How precisely the simulator keeps its configured step time, seen through the load generator's client: the
 * {@code fixed} preset makes every engine step 10 ms, so TTFT of an idle engine is one step and every inter-token gap
 * is one step. Reports TTFT, per-request TPOT and single gaps (p50/p99/max) against the configured 10 ms. This is where
 * the "TPOT within ±1 ms of the configured step" claim is measured; the unit tests only check that steps are never
 * shorter than configured. Options: {@code --requests N} (default 50), {@code --tokens N} per request (default 64).
 */
public final class SimTiming {
    private static final double STEP_MS = 10.0;

    public static void main(String[] args) throws Exception {
        int requests = 50;
        int tokens = 64;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--tokens" -> tokens = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        byte[] body = ("{\"model\":\"sim-fixed\",\"prompt\":\"time me\",\"max_tokens\":" + tokens
                + ",\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}")
                .getBytes(StandardCharsets.UTF_8);
        StreamRequest request = new StreamRequest("/v1/completions", body, Duration.ofSeconds(30), Duration.ofSeconds(10));
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED));
             NettyStreamingClient client = NettyStreamingClient.create(sim.baseUrl(), ClientOptions.forConcurrency(1))) {
            for (int i = 0; i < 10; i++) client.send(request).get(); // warm-up: class loading and JIT of both sides
            Histogram ttft = new Histogram(3);
            Histogram tpot = new Histogram(3);
            Histogram gap = new Histogram(3);
            int errors = 0;
            for (int i = 0; i < requests; i++) {
                StreamResult r = client.send(request).get();
                if (r.outcome() != Outcome.OK || r.chunkNanos().length < 2) {
                    errors++;
                    continue;
                }
                long[] at = r.chunkNanos();
                ttft.recordValue(r.firstTokenNanos() - r.sentNanos());
                tpot.recordValue((at[at.length - 1] - at[0]) / (at.length - 1));
                for (int k = 1; k < at.length; k++) gap.recordValue(Math.max(0, at[k] - at[k - 1]));
            }
            ConsoleTable t = new ConsoleTable("measure (configured " + STEP_MS + " ms)", "p50 ms", "p99 ms", "max ms",
                    "p50 − step ms");
            row(t, "TTFT (idle engine: one step)", ttft);
            row(t, "TPOT per request", tpot);
            row(t, "single inter-token gap", gap);
            System.out.printf("simulator step precision, %d requests of %d tokens (%d errors), load average %.2f%n",
                    requests, tokens, errors,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.print(t.render());
        }
    }

    private static void row(ConsoleTable t, String name, Histogram h) {
        double p50 = h.getValueAtPercentile(50) / 1e6;
        t.row(name, String.format("%.3f", p50), String.format("%.3f", h.getValueAtPercentile(99) / 1e6),
                String.format("%.3f", h.getMaxValue() / 1e6), String.format("%+.3f", p50 - STEP_MS));
    }
}
