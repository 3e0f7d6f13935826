package io.enginebench.loadgen.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link TickServer} the harness measures against, in its own JVM: started here (optionally pinned with
 * {@code taskset -c}) and stopped by closing its stdin, or one already running on a port. Its statistics come over
 * loopback ({@code GET /stats}) since its threads are not ours.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /** Since the previous call: the server's tick lateness p99 and max, its event loops' CPU time and user part. */
    record Stats(long lateP99Nanos, long lateMaxNanos, long cpuNanos, long userNanos, long ticks) {}

    private final Process process; // null for an external server
    private final int port;
    private final String description;

    private ServerProcess(Process process, int port, String description) {
        this.process = process;
        this.port = port;
        this.description = description;
    }

    static ServerProcess external(int port) {
        return new ServerProcess(null, port, "already running on port " + port);
    }

    static ServerProcess start(int threads, String cpus, String javaOpts) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (cpus != null) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(Path.javaBinary());
        cmd.addAll(Arrays.asList(javaOpts.strip().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TickServer.class.getName(),
                "--port", "0", "--threads", String.valueOf(threads)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        // the JVM may print first (JFR, warnings): skip to the server's line
        String line;
        Matcher m = null;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            m = LISTENING.matcher(line);
            if (m.find()) break;
            seen.append(line).append('\n');
            m = null;
        }
        if (m == null) {
            p.destroy();
            throw new IOException("tick server did not start: " + seen);
        }
        drain(out); // keep its stdout flowing (a full pipe would block it)
        return new ServerProcess(p, Integer.parseInt(m.group(1)), "own JVM (pid " + p.pid() + "), " + threads
                + " event loop(s), CPUs " + (cpus == null ? "any" : cpus));
    }

    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) System.out.println("[tick-server] " + l);
            } catch (IOException e) {
                // the server is gone
            }
        }, "tick-server-stdout");
        t.setDaemon(true);
        t.start();
    }

    int port() { return port; }

    String description() { return description; }

    Stats takeStats() throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream o = s.getOutputStream();
            o.write("GET /stats HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String[] f = response.substring(response.indexOf("\r\n\r\n") + 4).strip().split(" ");
            return new Stats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        process.getOutputStream().close(); // the server exits when its stdin closes
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static final class Path {
        static String javaBinary() {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
