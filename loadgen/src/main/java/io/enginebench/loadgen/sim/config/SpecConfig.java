package io.enginebench.loadgen.sim.config;

import io.enginebench.trace.UserFacingException;

import java.util.Locale;

/**
 * Speculative decoding as the simulator models it: each decode step drafts {@code draftTokens} tokens, each accepted
 * with probability {@code acceptance} until the first rejection, so a sequence emits 1 + accepted tokens per step.
 */
public record SpecConfig(Method method, int draftTokens, double acceptance) {
    public enum Method {
        NONE, NGRAM, EAGLE3;

        /** The name engines report (vLLM's speculative_config method, SGLang's speculative_algorithm). */
        public String wireName() { return this == NONE ? "" : name().toLowerCase(Locale.ROOT); }

        public static Method parse(String s) {
            if (s == null || s.isBlank() || s.equalsIgnoreCase("none")) return NONE;
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("unknown speculative method '" + s + "' (use ngram or eagle3)");
            }
        }
    }

    public static final SpecConfig NONE = new SpecConfig(Method.NONE, 0, 0);

    public SpecConfig {
        if (method != Method.NONE) {
            if (draftTokens < 1 || draftTokens > 16)
                throw new UserFacingException("--draft-tokens must be between 1 and 16, got " + draftTokens);
            if (!(acceptance >= 0 && acceptance <= 1))
                throw new UserFacingException("--acceptance must be between 0 and 1, got " + acceptance);
        }
    }

    public boolean enabled() { return method != Method.NONE; }

    /**
     * Relative extra cost of a step with speculation on: verifying k drafted tokens makes a decode step heavier;
     * an EAGLE-3 draft head costs more than n-gram lookup.
     */
    public double stepCostFactor() {
        return switch (method) {
            case NONE -> 1.0;
            case NGRAM -> 1.0 + 0.02 * draftTokens;
            case EAGLE3 -> 1.0 + 0.05 * draftTokens;
        };
    }
}
