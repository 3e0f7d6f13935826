package io.enginebench.loadgen.sim.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the simulated engine refuses, with the status and error type a real engine would send. */
final class BadRequest extends Exception {
    final HttpResponseStatus status;
    final String type;

    BadRequest(HttpResponseStatus status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static BadRequest of(String message) {
        return new BadRequest(HttpResponseStatus.BAD_REQUEST, "BadRequestError", message);
    }
}
