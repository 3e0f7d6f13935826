package io.enginebench.loadgen.sse;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental Server-Sent-Events decoder: bytes in, the {@code data} of each complete event out.
 *
 * <p>Feed it the body bytes in whatever pieces the network delivers. Lines end in {@code \n}, {@code \r\n} or
 * {@code \r} (a {@code \r\n} pair may straddle two reads); a blank line ends an event; {@code data:} lines are joined
 * with {@code \n}; comments ({@code :…}) and the {@code event}, {@code id} and {@code retry} fields are ignored.
 * Lines are kept as bytes until complete, so a UTF-8 character split across reads is never broken ({@code \r} and
 * {@code \n} never occur inside a multibyte sequence). Events come out as UTF-8 bytes ({@link ByteSink}, which the
 * client parses in place) or as Strings.
 *
 * <p>Events are delivered synchronously from {@link #feed}, so the caller knows which read completed each event.
 * One instance per response; not thread-safe (it lives on one event loop).
 *
 * <p>Memory is bounded: an event (its lines together) larger than {@code maxEventBytes} makes {@link #feed} throw
 * {@link EventTooLargeException} instead of buffering without limit. Real engines send events of well under 10 KB.
 */
public final class SseDecoder {
    /** Default bound on one event: far above any real chunk, small enough that many connections cannot exhaust memory. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    /** An event grew past the decoder's bound; the rest of the stream cannot be trusted. */
    public static final class EventTooLargeException extends RuntimeException {
        public EventTooLargeException(int maxBytes) {
            super("SSE event larger than " + maxBytes + " bytes");
        }
    }

    /** Receives one event's data as UTF-8 bytes; the array is the decoder's own and is reused after the call. */
    @FunctionalInterface
    public interface ByteSink {
        void onData(byte[] utf8, int offset, int length);
    }

    private final ByteSink onData;
    private final int maxEventBytes;
    /** bytes of the data lines already joined into the current event */
    private int eventBytes;
    private byte[] line = new byte[256];
    private byte[] scratch = new byte[0];
    private int lineLength;
    private boolean lastWasCr;
    private boolean atStreamStart = true;
    /** the current event's data lines, joined with \n, as UTF-8: parsed from here without ever becoming a String */
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;

    /** @param onData receives each event's data, with the trailing newline removed */
    public SseDecoder(Consumer<String> onData) {
        this(onData, MAX_EVENT_BYTES);
    }

    public SseDecoder(Consumer<String> onData, int maxEventBytes) {
        this((utf8, offset, length) -> onData.accept(new String(utf8, offset, length, StandardCharsets.UTF_8)),
                maxEventBytes);
    }

    /** Delivers each event's data as bytes, for a consumer that parses them without building a String. */
    public SseDecoder(ByteSink onData) {
        this(onData, MAX_EVENT_BYTES);
    }

    public SseDecoder(ByteSink onData, int maxEventBytes) {
        this.onData = onData;
        this.maxEventBytes = maxEventBytes;
    }

    public void feed(ByteBuf buf) {
        if (buf.hasArray()) {
            feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        } else {
            // direct buffers (epoll's default) are copied in bulk into a scratch array kept for the response
            int n = buf.readableBytes();
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, 2 * scratch.length)];
            }
            buf.getBytes(buf.readerIndex(), scratch, 0, n);
            feed(scratch, 0, n);
        }
    }

    /**
     * Scans for line ends and copies whole runs of line bytes at once: per-byte work is one comparison, which is what
     * keeps framing cheap next to the JSON parse when thousands of streams share an event loop.
     */
    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (lastWasCr) {
                lastWasCr = false;
                if (bytes[i] == '\n') {
                    i++; // second half of a \r\n pair: the line was already ended by the \r
                    continue;
                }
            }
            int runEnd = i;
            while (runEnd < end && bytes[runEnd] != '\n' && bytes[runEnd] != '\r') {
                runEnd++;
            }
            append(bytes, i, runEnd - i);
            if (runEnd == end) {
                return;
            }
            lastWasCr = bytes[runEnd] == '\r';
            processLine();
            i = runEnd + 1;
        }
    }

    /**
     * The body ended. A last event without its closing blank line is still delivered: the spec would drop it, but a
     * server that forgets the final blank line has still sent the data, and losing a usage event would be worse.
     */
    public void end() {
        if (lineLength > 0) {
            processLine();
        }
        dispatch();
    }

    private void append(byte[] bytes, int from, int n) {
        if (n == 0) {
            return;
        }
        if (lineLength + n + eventBytes > maxEventBytes) {
            throw new EventTooLargeException(maxEventBytes);
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, lineLength + n), maxEventBytes));
        }
        System.arraycopy(bytes, from, line, lineLength, n);
        lineLength += n;
    }

    private void processLine() {
        int start = 0;
        if (atStreamStart) {
            atStreamStart = false;
            if (lineLength >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
                start = 3; // UTF-8 byte-order mark
            }
        }
        int len = lineLength - start;
        lineLength = 0;
        if (len == 0) {
            dispatch();
            return;
        }
        if (line[start] == ':') {
            return; // comment (keep-alive pings)
        }
        int colon = -1;
        for (int i = start; i < start + len; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        int fieldEnd = colon < 0 ? start + len : colon;
        if (!isData(start, fieldEnd - start)) {
            return; // event, id, retry and unknown fields carry nothing we use
        }
        int valueStart = colon < 0 ? start + len : colon + 1;
        if (valueStart < start + len && line[valueStart] == ' ') {
            valueStart++;
        }
        eventBytes += len;
        int valueLength = start + len - valueStart;
        int needed = dataLength + (hasData ? 1 : 0) + valueLength;
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, 2 * data.length));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        hasData = true;
        System.arraycopy(line, valueStart, data, dataLength, valueLength);
        dataLength += valueLength;
    }

    private boolean isData(int from, int length) {
        return length == 4 && line[from] == 'd' && line[from + 1] == 'a' && line[from + 2] == 't' && line[from + 3] == 'a';
    }

    private void dispatch() {
        eventBytes = 0;
        if (!hasData) {
            return;
        }
        int length = dataLength;
        dataLength = 0;
        hasData = false;
        onData.onData(data, 0, length);
    }
}
