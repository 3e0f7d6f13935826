package io.enginebench.loadgen.sim.config;

import io.enginebench.trace.UserFacingException;

/**
 * Fault injection for reliability tests. Probabilities are per request and drawn from the seeded generator.
 *
 * @param errorRate      probability that a generation request is answered with {@code errorStatus} at once
 * @param errorStatus    HTTP status of injected errors (e.g. 503)
 * @param stallRate      probability that a stream stops sending mid-way
 * @param stallMillis    how long a stall lasts; negative means forever (the stream never ends)
 * @param disconnectRate probability that the server closes the connection mid-stream
 * @param slowHeadersMillis delay before the response headers of every generation request
 */
public record FaultConfig(double errorRate, int errorStatus, double stallRate, long stallMillis,
                          double disconnectRate, long slowHeadersMillis) {
    public static final FaultConfig NONE = new FaultConfig(0, 503, 0, 0, 0, 0);

    public FaultConfig {
        checkProbability("error rate", errorRate);
        checkProbability("stall rate", stallRate);
        checkProbability("disconnect rate", disconnectRate);
        if (errorStatus < 400 || errorStatus > 599) throw new UserFacingException("fault status must be 4xx or 5xx, got " + errorStatus);
        if (slowHeadersMillis < 0) throw new UserFacingException("slow-headers delay must be >= 0");
    }

    private static void checkProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) throw new UserFacingException(what + " must be between 0 and 1, got " + p);
    }

    public FaultConfig withErrors(double rate, int status) {
        return new FaultConfig(rate, status, stallRate, stallMillis, disconnectRate, slowHeadersMillis);
    }

    public FaultConfig withStall(double rate, long millis) {
        return new FaultConfig(errorRate, errorStatus, rate, millis, disconnectRate, slowHeadersMillis);
    }

    public FaultConfig withDisconnect(double rate) {
        return new FaultConfig(errorRate, errorStatus, stallRate, stallMillis, rate, slowHeadersMillis);
    }

    public FaultConfig withSlowHeaders(long millis) {
        return new FaultConfig(errorRate, errorStatus, stallRate, stallMillis, disconnectRate, millis);
    }

    /**
     * Parses one {@code --fault} item: {@code error=0.05:503}, {@code stall=0.1:2000} (or {@code stall=0.1:forever}),
     * {@code disconnect=0.02}, {@code slow-headers=500}.
     */
    public FaultConfig with(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) throw new UserFacingException("bad --fault '" + spec + "' (expected kind=value, e.g. error=0.05:503)");
        String kind = spec.substring(0, eq).trim();
        String[] v = spec.substring(eq + 1).trim().split(":");
        try {
            return switch (kind) {
                case "error" -> withErrors(Double.parseDouble(v[0]), v.length > 1 ? Integer.parseInt(v[1]) : 503);
                case "stall" -> withStall(Double.parseDouble(v[0]),
                        v.length < 2 || v[1].equals("forever") ? -1 : Long.parseLong(v[1]));
                case "disconnect" -> withDisconnect(Double.parseDouble(v[0]));
                case "slow-headers" -> withSlowHeaders(Long.parseLong(v[0]));
                default -> throw new UserFacingException("unknown fault kind '" + kind + "' (error, stall, disconnect, slow-headers)");
            };
        } catch (NumberFormatException e) {
            throw new UserFacingException("bad --fault '" + spec + "': " + e.getMessage());
        }
    }
}
