package io.enginebench.cli.compare;

import io.enginebench.trace.UserFacingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The order in which {@code bench compare} runs its two engines: interleaved iteration by iteration, so that slow
 * drift of the host or the engines (thermal, background load, caches filling) hits both sides alike. {@code alternate}
 * is A B A B …; {@code random} flips a seeded coin per iteration for which side goes first (A B B A …), so neither side
 * is always the one that runs right after the other.
 */
public enum RunOrder {
    ALTERNATE, RANDOM;

    /** One run of the plan: side 0 (baseline) or 1 (candidate), and its iteration number (from 1). */
    public record Slot(int side, int iteration) {}

    public static RunOrder parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--order must be alternate or random, got '" + s + "'");
        }
    }

    /** Both sides {@code iterations} times, each iteration's pair next to each other. */
    public List<Slot> plan(int iterations, long seed) {
        Random coin = new Random(seed);
        List<Slot> out = new ArrayList<>();
        for (int i = 1; i <= iterations; i++) {
            int first = this == RANDOM && coin.nextBoolean() ? 1 : 0;
            out.add(new Slot(first, i));
            out.add(new Slot(1 - first, i));
        }
        return out;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
