package io.enginebench.loadgen.perf;

import io.enginebench.loadgen.client.ClientOptions;
import io.enginebench.loadgen.client.NettyStreamingClient;
import io.enginebench.loadgen.summary.ConsoleTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fidelity table, every row cold and warm ({@code scripts/bench-perf fidelity}): one {@link TickServer}
 * in its own JVM, and for each workload two fresh client JVMs ({@link FidelityProbe}), one measuring it cold (the
 * first load the JVM meets, no self-warm-up) and one warm (after the self-warm-up and one unmeasured run of the same
 * load). Prints each row's goal, the reference figures, cold, warm and whether the warm figure meets the goal.
 * {@code --quick}: short loads (seconds each), to check the harness end to end; {@code --self-warmup false}: warm means
 * after one unmeasured run only.
 */
public final class FidelityHarness {
    /** a row's measured figures */
    record Figures(double cold, double warm) {}

    private FidelityHarness() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o;
        try {
            o = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-perf fidelity: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("machine: %d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), LoopbackHarness.loadAverage());
        try {
            Map<FidelityRow, Figures> rows = measure(o, System.out);
            System.out.printf("%nload average after: %s; CPU = the client's event loops' thread CPU (user + kernel) "
                    + "over the measured load; reference figures: measured earlier, vLLM's client and this client before%n",
                    LoopbackHarness.loadAverage());
            System.out.print(render(rows));
        } catch (IOException e) {
            System.err.println("bench-perf fidelity: " + e.getMessage());
            System.exit(1);
        }
    }

    /** {@code --quick} is a flag; everything else {@code --option value}. */
    static Map<String, String> options(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("--quick");
        if (rest.size() % 2 != 0) {
            throw new IllegalArgumentException("expected --option value pairs (and --quick), got " + String.join(" ", rest));
        }
        Map<String, String> o = LoopbackHarness.options(rest.toArray(String[]::new));
        Set<String> known = Set.of("client-java-opts", "server-java-opts", "client-cpus", "server-cpus",
                "client-threads", "self-warmup");
        for (String k : o.keySet()) {
            if (!known.contains(k)) throw new IllegalArgumentException("unknown option --" + k);
        }
        if (quick) o.put("quick", "true");
        return o;
    }

    /** Runs every workload cold and warm and returns each row's figures; progress goes to {@code log}. */
    static Map<FidelityRow, Figures> measure(Map<String, String> o, PrintStream log)
            throws IOException, InterruptedException {
        boolean quick = Boolean.parseBoolean(o.getOrDefault("quick", "false"));
        Map<String, Map<String, Double>> results = new HashMap<>();
        try (ServerProcess server = ServerProcess.start(1, o.get("server-cpus"),
                o.getOrDefault("server-java-opts", "-Xmx512m -XX:+UseParallelGC"))) {
            log.println("server: " + server.description());
            warmServer(server, quick);
            for (FidelityRow row : FidelityRow.values()) {
                for (String mode : List.of("cold", "warm")) {
                    String k = key(row.workload, row.streams, mode);
                    if (!results.containsKey(k)) {
                        results.put(k, probe(server, row.workload, row.streams, mode, o, log));
                    }
                }
            }
        }
        Map<FidelityRow, Figures> out = new EnumMap<>(FidelityRow.class);
        for (FidelityRow row : FidelityRow.values()) {
            out.put(row, new Figures(results.get(key(row.workload, row.streams, "cold")).get(row.figure),
                    results.get(key(row.workload, row.streams, "warm")).get(row.figure)));
        }
        return out;
    }

    static String render(Map<FidelityRow, Figures> rows) {
        ConsoleTable t = new ConsoleTable("row", "unit", "goal", "vLLM client (ref.)", "EngineBench before (ref.)",
                "cold", "warm", "goal (warm)", "cold <= 2x warm");
        for (Map.Entry<FidelityRow, Figures> e : rows.entrySet()) {
            FidelityRow r = e.getKey();
            Figures f = e.getValue();
            t.row(r.label, r.unit, "<= " + num(r.goal), r.vllmClient, r.engineBenchBefore, num(f.cold()),
                    num(f.warm()), f.warm() <= r.goal ? "met" : "not met", f.cold() <= 2 * f.warm() ? "yes" : "no");
        }
        return t.render();
    }

    /** The server's own code paths compiled before the first cold client meets it (its coldness is not the client's). */
    private static void warmServer(ServerProcess server, boolean quick) throws IOException {
        try (NettyStreamingClient client = NettyStreamingClient.create("http://127.0.0.1:" + server.port(),
                new ClientOptions(256, null, Duration.ofSeconds(10), 0))) {
            int events = quick ? 40 : 400;
            LoopbackHarness.holdStreams(client, server, 64, events, "events=" + events + "&interval_us=1000&per_write=8");
            LoopbackHarness.holdStreams(client, server, 256, events / 4, "events=" + events / 4
                    + "&interval_us=1000&phase=immediate");
        }
    }

    private static Map<String, Double> probe(ServerProcess server, FidelityWorkload workload, int streams, String mode,
                                             Map<String, String> o, PrintStream log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (o.containsKey("client-cpus")) cmd.addAll(List.of("taskset", "-c", o.get("client-cpus")));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(o.getOrDefault("client-java-opts", "-Xmx1g -XX:+UseParallelGC").strip().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FidelityProbe.class.getName(),
                "--server-port", String.valueOf(server.port()), "--workload", workload.name().toLowerCase(Locale.ROOT),
                "--streams", String.valueOf(streams), "--mode", mode,
                "--quick", o.getOrDefault("quick", "false"), "--client-threads", o.getOrDefault("client-threads", "0"),
                "--self-warmup", o.getOrDefault("self-warmup", "true")));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> figures = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(FidelityProbe.RESULT + " ")) {
                    figures = parse(line.substring(FidelityProbe.RESULT.length() + 1));
                } else {
                    log.println("[client] " + line);
                }
            }
        }
        int exit = p.waitFor();
        String what = workload.name().toLowerCase(Locale.ROOT) + " " + streams + " " + mode;
        if (exit != 0 || figures == null) throw new IOException("client JVM for " + what + " failed (exit " + exit + ")");
        log.printf("%-14s %s (load average %s)%n", what, figures, LoopbackHarness.loadAverage());
        if (figures.getOrDefault(FidelityWorkload.ERRORS, 0.0) > 0) {
            log.println("  warning: " + what + " had failed requests; its figures count only the others");
        }
        return figures;
    }

    private static Map<String, Double> parse(String figures) {
        Map<String, Double> m = new HashMap<>();
        for (String kv : figures.split(" ")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
        }
        return m;
    }

    private static String key(FidelityWorkload w, int streams, String mode) { return w + ":" + streams + ":" + mode; }

    private static String num(double v) {
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
