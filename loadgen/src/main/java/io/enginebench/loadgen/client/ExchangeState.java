package io.enginebench.loadgen.client;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a {@link StreamExchange} is in its life, from the write to handing the channel back. The result is delivered
 * before (or when) the channel is handed back, never after; a move not listed in {@link #next()} is a bug.
 */
enum ExchangeState {
    /** the request is being written */
    WRITING,
    /** the request left the client; no response yet */
    AWAITING_HEADERS,
    /** a 200 response: its events are read */
    STREAMING,
    /** a non-200 response: its body is kept as the error text */
    READING_ERROR_BODY,
    /** the result is delivered; the channel is still held (e.g. for the end of the body after {@code [DONE]}) */
    DELIVERED,
    /** the connection died before any response; a retry on a fresh connection owns the result */
    RETRIED,
    /** the channel is handed back: nothing more happens */
    RELEASED;

    /** The states this one may move to. */
    Set<ExchangeState> next() {
        return switch (this) {
            case WRITING -> EnumSet.of(AWAITING_HEADERS, STREAMING, READING_ERROR_BODY, DELIVERED, RETRIED);
            case AWAITING_HEADERS -> EnumSet.of(STREAMING, READING_ERROR_BODY, DELIVERED, RETRIED);
            // an interim (1xx) response head may precede the final one
            case STREAMING, READING_ERROR_BODY -> EnumSet.of(STREAMING, READING_ERROR_BODY, DELIVERED);
            case DELIVERED, RETRIED -> EnumSet.of(RELEASED);
            case RELEASED -> EnumSet.noneOf(ExchangeState.class);
        };
    }

    /** No result delivered yet, and no retry took the request over. */
    boolean awaitingResult() {
        return this == WRITING || this == AWAITING_HEADERS || this == STREAMING || this == READING_ERROR_BODY;
    }

    /** No response head arrived yet. */
    boolean beforeHeaders() {
        return this == WRITING || this == AWAITING_HEADERS;
    }

    /** @throws IllegalStateException when {@code to} is not a legal next state */
    ExchangeState moveTo(ExchangeState to) {
        if (!next().contains(to)) {
            throw new IllegalStateException("stream exchange cannot move from " + this + " to " + to);
        }
        return to;
    }
}
