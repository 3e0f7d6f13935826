package io.enginebench.loadgen.prompt;

import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Converts between characters and tokens. With the engine's tokenizer available, the first few texts are counted
 * exactly to calibrate a characters-per-token ratio, which is then cached (so building hundreds of prompts costs a
 * handful of {@code /tokenize} calls); without one, about 4 characters per token is assumed.
 */
public final class TokenEstimator {
    public static final double DEFAULT_CHARS_PER_TOKEN = 4.0;
    static final int CALIBRATION_CALLS = 3;

    private final Function<String, OptionalInt> exactCounter;
    private long calibratedChars;
    private long calibratedTokens;
    private int calls;
    private boolean counterAvailable = true;

    /** @param exactCounter the engine's tokenizer (e.g. {@code text -> api.countTokens(model, text)}), or null */
    public TokenEstimator(Function<String, OptionalInt> exactCounter) {
        this.exactCounter = exactCounter;
        if (exactCounter == null) counterAvailable = false;
    }

    public static TokenEstimator charsOnly() { return new TokenEstimator(null); }

    /** Feeds one calibration sample if the budget allows; later calls just return the cached ratio. */
    public synchronized void calibrate(String sample) {
        if (!counterAvailable || calls >= CALIBRATION_CALLS || sample.isEmpty()) return;
        calls++;
        OptionalInt n = exactCounter.apply(sample);
        if (n.isEmpty()) {
            counterAvailable = false;   // engine has no tokenizer endpoint: estimate from then on
            return;
        }
        calibratedChars += sample.length();
        calibratedTokens += n.getAsInt();
    }

    public synchronized double charsPerToken() {
        return calibratedTokens > 0 ? (double) calibratedChars / calibratedTokens : DEFAULT_CHARS_PER_TOKEN;
    }

    public synchronized boolean calibrated() { return calibratedTokens > 0; }

    public int estimateTokens(String text) { return (int) Math.round(text.length() / charsPerToken()); }

    public int charsFor(int tokens) { return (int) Math.round(tokens * charsPerToken()); }
}
