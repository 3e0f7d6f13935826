package io.enginebench.pipeline.analysis;

import io.enginebench.trace.UserFacingException;

/** A service-level objective: ttft ≤ A ms and tpot ≤ B ms (inclusive), optionally e2e ≤ C ms. */
public record Slo(double ttftMs, double tpotMs, Double e2eMs) {
    public static final Slo DEFAULT = new Slo(200, 50, null);

    public static Slo parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new UserFacingException("--slo expects TTFT_MS:TPOT_MS[:E2E_MS], got '" + text + "'");
        }
        try {
            double ttft = Double.parseDouble(parts[0]);
            double tpot = Double.parseDouble(parts[1]);
            Double e2e = parts.length == 3 ? Double.valueOf(parts[2]) : null;
            if (ttft <= 0 || tpot <= 0 || (e2e != null && e2e <= 0)) {
                throw new UserFacingException("--slo bounds must be positive, got '" + text + "'");
            }
            return new Slo(ttft, tpot, e2e);
        } catch (NumberFormatException e) {
            throw new UserFacingException("--slo expects numbers TTFT_MS:TPOT_MS[:E2E_MS], got '" + text + "'");
        }
    }

    public String label() {
        return num(ttftMs) + ":" + num(tpotMs) + (e2eMs == null ? "" : ":" + num(e2eMs));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
