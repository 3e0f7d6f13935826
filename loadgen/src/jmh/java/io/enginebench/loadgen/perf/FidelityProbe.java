package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.client.ClientOptions;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.loadgen.client.SelfWarmup;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One workload of {@link FidelityHarness} in a fresh JVM, against a running {@link TickServer}: {@code --mode cold}
 * measures it as the first thing the JVM does (no self-warm-up, as {@code --client-warmup none}); {@code --mode warm}
 * after the client's self-warm-up ({@link SelfWarmup}; {@code --self-warmup false} skips it, to keep a test short) and
 * one unmeasured run of the same workload. Prints its figures
 * on one line starting with {@link #RESULT}.
 */
public final class FidelityProbe {
    static final String RESULT = "fidelity-result";

    private FidelityProbe() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoopbackHarness.options(args);
        FidelityWorkload workload = FidelityWorkload.valueOf(o.get("workload").toUpperCase(Locale.ROOT));
        int streams = Integer.parseInt(o.get("streams"));
        boolean warm = o.get("mode").equals("warm");
        boolean quick = Boolean.parseBoolean(o.getOrDefault("quick", "false"));
        ServerProcess server = ServerProcess.external(Integer.parseInt(o.get("server-port")));
        try (NettyStreamingClient client = NettyStreamingClient.create("http://127.0.0.1:" + server.port(),
                new ClientOptions(Math.max(streams, 64), null, Duration.ofSeconds(10),
                        Integer.parseInt(o.getOrDefault("client-threads", "0"))))) {
            if (warm) {
                if (Boolean.parseBoolean(o.getOrDefault("self-warmup", "true"))) {
                    SelfWarmup.oncePerProcess(r -> {}).ifPresent(r -> System.err.println(r.describe()));
                }
                workload.measure(client, server, streams, quick);
            }
            Map<String, Double> figures = workload.measure(client, server, streams, quick);
            StringJoiner line = new StringJoiner(" ", RESULT + " ", "");
            figures.forEach((k, v) -> line.add(k + "=" + v));
            System.out.println(line);
        }
    }
}
