package io.enginebench.loadgen.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server with byte-level control, for faults a well-behaved HTTP library will not produce: resets
 * at chosen moments, hand-written chunk framing, bodies that never end. One thread per connection (tests only).
 *
 * <p>Generation requests ({@code POST /v1/…}) go to the {@link Behaviour}; every other path (the runner's
 * {@code /version}, {@code /tokenize}, {@code /metrics}) gets an immediate 404, so only the streams misbehave.
 */
final class RawSocketServer implements AutoCloseable {
    /** What the connection does after a response. */
    enum After { KEEP_ALIVE, CLOSE, HOLD }

    interface Behaviour {
        /** @param n the 0-based number of this generation request across the server */
        After respond(Exchange ex, int n) throws IOException;
    }

    /** One request on one socket, with writers for the raw response bytes. */
    static final class Exchange {
        final Socket socket;
        final OutputStream out;
        final String method;
        final String path;
        final String authorization;

        Exchange(Socket socket, OutputStream out, String method, String path, String authorization) {
            this.socket = socket;
            this.out = out;
            this.method = method;
            this.path = path;
            this.authorization = authorization;
        }

        void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** 200 headers for a chunked event stream. */
        void sseHeaders() throws IOException {
            write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        }

        /** One HTTP chunk. */
        void chunk(String payload) throws IOException {
            byte[] b = payload.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The terminating zero-length chunk: the clean end of a chunked body. */
        void endChunks() throws IOException {
            write("0\r\n\r\n");
        }

        void status(int code, String reason, String jsonBody) throws IOException {
            byte[] b = jsonBody.getBytes(StandardCharsets.UTF_8);
            write("HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                    + "\r\n\r\n");
            out.write(b);
            out.flush();
        }

        /** A TCP reset instead of an orderly close (SO_LINGER 0). */
        After reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
            return After.CLOSE;
        }
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger generationRequests = new AtomicInteger();

    RawSocketServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptLoop, "raw-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() { return "http://127.0.0.1:" + server.getLocalPort(); }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "raw-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null) return;
                int contentLength = 0;
                String authorization = null;
                for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                    int colon = h.indexOf(':');
                    if (colon < 0) continue;
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).trim();
                    if (name.equals("content-length")) contentLength = Integer.parseInt(value);
                    if (name.equals("authorization")) authorization = value;
                }
                in.readNBytes(contentLength);
                String[] parts = requestLine.split(" ");
                Exchange ex = new Exchange(s, out, parts[0], parts.length > 1 ? parts[1] : "/", authorization);
                After after;
                if (ex.method.equals("POST") && ex.path.startsWith("/v1/")) {
                    after = behaviour.respond(ex, generationRequests.getAndIncrement());
                } else {
                    ex.status(404, "Not Found", "{\"error\":\"not here\"}");
                    after = After.KEEP_ALIVE;
                }
                if (after == After.CLOSE) return;
                if (after == After.HOLD) {
                    // silent and open until the client gives up (or the server closes)
                    while (in.read() >= 0) { /* discard */ }
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to do
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    // ---- SSE payloads ----

    static String textEvent(String text) {
        return "data: {\"choices\":[{\"index\":0,\"text\":\"" + text + "\",\"finish_reason\":null}]}\n\n";
    }

    static String finishEvent() {
        return "data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}\n\n";
    }

    static String usageEvent(int completionTokens) {
        return "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (5 + completionTokens) + "}}\n\n";
    }

    static final String DONE = "data: [DONE]\n\n";

    /** A healthy stream of {@code tokens} one-token events, finish, usage and [DONE], each its own chunk. */
    static void healthyStream(Exchange ex, int tokens) throws IOException {
        ex.sseHeaders();
        for (int i = 0; i < tokens; i++) ex.chunk(textEvent(" t" + i));
        ex.chunk(finishEvent());
        ex.chunk(usageEvent(tokens));
        ex.chunk(DONE);
        ex.endChunks();
    }
}
