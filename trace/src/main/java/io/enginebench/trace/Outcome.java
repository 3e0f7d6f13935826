package io.enginebench.trace;

import java.util.Locale;

/** How a request ended, from the client's point of view. Only {@link #OK} requests enter latency statistics. */
public enum Outcome {
    /** HTTP 200 and a stream that ended normally ({@code [DONE]} or end of body after a finish reason). */
    OK,
    /** The server answered with a non-200 status; status and body text are kept. */
    HTTP_ERROR,
    /** The per-request deadline or the idle (no bytes) timeout fired. */
    TIMEOUT,
    /** No connection could be made (refused, unresolvable, TLS handshake failure). */
    CONNECT_ERROR,
    /** The connection broke or the stream was malformed after the headers. */
    STREAM_ERROR,
    /** The run was stopped before the request finished. */
    CANCELLED;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static Outcome fromWire(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
}
