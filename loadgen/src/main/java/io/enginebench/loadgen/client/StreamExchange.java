package io.enginebench.loadgen.client;

import io.enginebench.loadgen.openai.StreamAccumulator;
import io.enginebench.loadgen.openai.StreamChunkParser;
import io.enginebench.trace.Outcome;
import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One request on one channel, from the write to the end of the response: the per-request state machine behind
 * {@link RequestRecorder}. Delivers exactly one {@link StreamResult} and hands the channel back exactly once, keeping
 * it only when the response ended cleanly on a keep-alive connection. Runs only on the channel's event loop.
 *
 * <p>The result may be delivered before the channel is free: {@code data: [DONE]} completes the request, the
 * terminating HTTP chunk that usually follows in the same read frees the connection. {@link ExchangeState} names the
 * steps and the moves between them.
 */
final class StreamExchange {
    static final int MAX_ERROR_BODY_BYTES = 4096;
    /**
     * How long the connection may stay mid-response after {@code [DONE]}: the end of the HTTP body normally follows in
     * the same read; a server that never sends it must not hold the connection (and the request waiting for it) until
     * the idle timeout.
     */
    static final long DONE_LINGER_MILLIS = 200;

    /** Called once when the exchange no longer needs the channel. */
    interface ChannelReturn {
        void done(boolean reusable);

        /** The result is about to be delivered while the exchange still holds the channel (it follows shortly). */
        default void delivering() {}
    }

    private final StreamRequest request;
    private final CompletableFuture<StreamResult> future;
    private final ArrivalClock clock;
    private final Channel channel;
    private final ChannelReturn channelReturn;
    private final Runnable retryOnFreshConnection;
    private final BooleanSupplier cancelled;
    private final StreamAccumulator stream;

    /** deadline, idle check and linger: all cancelled when the channel is handed back */
    private final List<ScheduledFuture<?>> timers = new ArrayList<>(3);

    private ExchangeState state = ExchangeState.WRITING;
    private long startNanos;
    private long sentNanos;
    private Long headersNanos;
    private Integer status;
    private boolean keepAlive = true;
    private ByteArrayOutputStream errorBody;
    private boolean errorBodyTruncated;

    /**
     * @param retryOnFreshConnection when non-null and the connection dies before a single response byte (a pooled
     *                               keep-alive connection the server had already closed), this runs instead of
     *                               reporting an error: the request never reached the engine
     * @param cancelled              true once the client is closing: failures then count as CANCELLED
     */
    StreamExchange(StreamRequest request, CompletableFuture<StreamResult> future, ArrivalClock clock, Channel channel,
                   ChannelReturn channelReturn, Runnable retryOnFreshConnection, BooleanSupplier cancelled,
                   StreamChunkParser parser) {
        this.request = request;
        this.future = future;
        this.clock = clock;
        this.channel = channel;
        this.channelReturn = channelReturn;
        this.retryOnFreshConnection = retryOnFreshConnection;
        this.cancelled = cancelled;
        this.stream = new StreamAccumulator(parser);
    }

    void start(HttpRequest http) {
        startNanos = System.nanoTime();
        sentNanos = startNanos;
        if (request.idleTimeout() != null) {
            schedule(this::onIdleCheck, request.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        channel.writeAndFlush(http).addListener(f -> {
            if (f.isSuccess()) {
                sentNanos = System.nanoTime(); // the request left the client: the reference point of every latency
                if (state == ExchangeState.WRITING) {
                    moveTo(ExchangeState.AWAITING_HEADERS); // else a response (or the end) came before the write ended
                }
                if (request.timeout() != null && state != ExchangeState.RELEASED) {
                    // the deadline counts from the send, like every latency (the idle timer covers a stuck write)
                    schedule(this::onDeadline, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
                }
            } else {
                onFailure(f.cause());
            }
        });
    }

    void onHeaders(HttpResponse response) {
        headersNanos = clock.lastReadNanos();
        status = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
        if (status != 200) {
            errorBody = new ByteArrayOutputStream();
        }
        if (state.awaitingResult()) {
            moveTo(status == 200 ? ExchangeState.STREAMING : ExchangeState.READING_ERROR_BODY);
        }
    }

    void onEvent(byte[] utf8, int offset, int length) {
        if (!state.awaitingResult()) {
            return;
        }
        long arrival = clock.lastReadNanos();
        stream.onEvent(utf8, offset, length, arrival);
        if (stream.error() != null) {
            deliver(Outcome.STREAM_ERROR, stream.error(), arrival);
            dropChannel();
        } else if (stream.done()) {
            deliver(Outcome.OK, null, arrival);
            if (state == ExchangeState.DELIVERED) { // still holding the channel: wait briefly for the body's end
                schedule(this::dropChannel, DONE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    void onStreamEnd() {
        long arrival = clock.lastReadNanos();
        if (state.awaitingResult()) {
            if (stream.endedNormally()) {
                deliver(Outcome.OK, null, arrival);
            } else {
                deliver(Outcome.STREAM_ERROR, "stream ended without [DONE] or a finish_reason", arrival);
            }
        }
        returnChannel(keepAlive);
    }

    /** Body of a non-200 response: kept (up to 4 KB) as the error text. */
    void onErrorBody(HttpContent content) {
        if (errorBody == null) {
            return;
        }
        int room = MAX_ERROR_BODY_BYTES - errorBody.size();
        int n = content.content().readableBytes();
        if (n > room) {
            errorBodyTruncated = true;
        }
        int take = Math.min(room, n);
        if (take > 0) {
            byte[] bytes = new byte[take];
            content.content().getBytes(content.content().readerIndex(), bytes);
            errorBody.write(bytes, 0, take);
        }
        if (content instanceof LastHttpContent) {
            String body = errorBody.toString(StandardCharsets.UTF_8) + (errorBodyTruncated ? "…" : "");
            deliver(Outcome.HTTP_ERROR, body, clock.lastReadNanos());
            returnChannel(keepAlive);
        }
    }

    void onInactive() {
        if (state.awaitingResult()) {
            if (retryPossible()) {
                retry();
                return;
            }
            String what = state.beforeHeaders() ? "connection closed before any response"
                    : "connection closed before the response ended";
            deliver(failureOutcome(Outcome.STREAM_ERROR), what, System.nanoTime());
        }
        returnChannel(false);
    }

    void onFailure(Throwable cause) {
        if (state.awaitingResult()) {
            if (retryPossible()) {
                retry();
                return;
            }
            Outcome outcome = state.beforeHeaders() && isTlsFailure(cause) ? Outcome.CONNECT_ERROR : Outcome.STREAM_ERROR;
            deliver(failureOutcome(outcome), describe(cause), System.nanoTime());
        }
        dropChannel();
    }

    private void onDeadline() {
        if (state.awaitingResult()) {
            deliver(failureOutcome(Outcome.TIMEOUT),
                    "request deadline of " + request.timeout().toMillis() + " ms exceeded", System.nanoTime());
        }
        dropChannel(); // a half-read response makes the connection useless
    }

    private void onIdleCheck() {
        if (state == ExchangeState.RELEASED) {
            return;
        }
        long idleNanos = request.idleTimeout().toNanos();
        long lastActivity = Math.max(sentNanos, clock.lastReadNanos());
        long silent = System.nanoTime() - lastActivity;
        if (silent < idleNanos) {
            // cheaper than rescheduling on every read: check again when the silence could first reach the limit
            schedule(this::onIdleCheck, idleNanos - silent, TimeUnit.NANOSECONDS);
            return;
        }
        if (state.awaitingResult()) {
            deliver(failureOutcome(Outcome.TIMEOUT),
                    "idle timeout: no bytes for " + request.idleTimeout().toMillis() + " ms", System.nanoTime());
        }
        dropChannel();
    }

    private boolean retryPossible() {
        return retryOnFreshConnection != null && state.beforeHeaders() && clock.lastReadNanos() < startNanos
                && !cancelled.getAsBoolean();
    }

    private void retry() {
        moveTo(ExchangeState.RETRIED); // this exchange delivers nothing; the retry owns the future now
        dropChannel();
        retryOnFreshConnection.run();
    }

    private Outcome failureOutcome(Outcome outcome) {
        return cancelled.getAsBoolean() ? Outcome.CANCELLED : outcome;
    }

    private void deliver(Outcome outcome, String error, long completedNanos) {
        if (!state.awaitingResult()) {
            return;
        }
        moveTo(ExchangeState.DELIVERED);
        channelReturn.delivering(); // before the result: whoever it frees may send at once and wait for this channel
        future.complete(new StreamResult(outcome, status, error, sentNanos, headersNanos, stream.firstEventNanos(),
                stream.firstTokenNanos(), stream.lastTokenNanos(), completedNanos, stream.chunkNanos(),
                stream.chunkTokens(), stream.tokensExact(), stream.text(), stream.contentChunkCount(), stream.usage(),
                stream.finishReason()));
    }

    private void dropChannel() {
        if (state != ExchangeState.RELEASED) {
            channel.close();
        }
        returnChannel(false);
    }

    private void returnChannel(boolean reusable) {
        if (state == ExchangeState.RELEASED) {
            return;
        }
        moveTo(ExchangeState.RELEASED);
        timers.forEach(t -> t.cancel(false));
        if (!reusable) {
            channel.close();
        }
        channelReturn.done(reusable);
    }

    private void schedule(Runnable task, long delay, TimeUnit unit) {
        timers.removeIf(Future::isDone); // an idle check reschedules itself: keep only the pending ones
        timers.add(channel.eventLoop().schedule(task, delay, unit));
    }

    private void moveTo(ExchangeState next) {
        state = state.moveTo(next);
    }

    /** For tests: where the exchange is in its life. */
    ExchangeState state() {
        return state;
    }

    private static boolean isTlsFailure(Throwable t) {
        Throwable c = t instanceof DecoderException && t.getCause() != null ? t.getCause() : t;
        return c instanceof SSLException;
    }

    static String describe(Throwable t) {
        Throwable c = t instanceof DecoderException && t.getCause() != null ? t.getCause() : t;
        String message = c.getMessage();
        return c.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
