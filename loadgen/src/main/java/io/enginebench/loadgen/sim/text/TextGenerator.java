package io.enginebench.loadgen.sim.text;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of plausible-looking English pieces. Every value it returns is exactly one {@link SimTokenizer}
 * piece, so the streamed text re-tokenises to the number of tokens that were generated.
 */
public final class TextGenerator {
    private static final List<String> WORDS = List.of(
            "the", "engine", "batch", "token", "stream", "latency", "memory", "cache", "prefix", "model", "request",
            "queue", "server", "client", "throughput", "kernel", "tensor", "block", "decode", "prefill", "schedule",
            "step", "budget", "sequence", "graph", "metric", "window", "signal", "value", "record", "result",
            "river", "mountain", "garden", "window", "paper", "music", "light", "stone", "cloud", "summer", "winter",
            "quiet", "bright", "simple", "careful", "rapid", "steady", "gentle", "honest", "useful", "early",
            "and", "of", "to", "in", "is", "it", "for", "on", "with", "as", "at", "by", "from", "this", "that",
            "we", "you", "they", "can", "will", "may", "should", "would", "make", "take", "give", "find", "keep",
            "measure", "compare", "observe", "explain", "describe", "consider", "improve", "reduce", "increase",
            "system", "process", "example", "answer", "question", "reason", "detail", "number", "length", "time");
    private static final String[] PUNCTUATION = {".", ",", ".", ",", ";", "!", "?"};

    private final Random random;
    private final ArrayDeque<String> pending = new ArrayDeque<>();

    public TextGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The next piece of an endless text. */
    public String nextPiece() {
        if (pending.isEmpty()) refill();
        return pending.poll();
    }

    /** A few words without a leading space, for JSON string values. */
    public String words(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) sb.append(' ');
            sb.append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return sb.toString();
    }

    public Random random() { return random; }

    private void refill() {
        if (random.nextInt(9) == 0) {
            pending.add(PUNCTUATION[random.nextInt(PUNCTUATION.length)]);
        }
        String word = WORDS.get(random.nextInt(WORDS.size()));
        int cut = Math.min(4, word.length());
        pending.add(" " + word.substring(0, cut));
        for (int i = cut; i < word.length(); i += 4) pending.add(word.substring(i, Math.min(word.length(), i + 4)));
    }
}
