package io.enginebench.trace;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A set of SHA-256 hex digests that keeps 16 bytes of each (the first 128 bits, in an open-addressing table of
 * longs) instead of a 64-character string: a run's distinct prompts are checked once each for {@code prompts.parquet},
 * and a million distinct prompts would otherwise keep a hundred-odd megabytes of digests. Two prompts sharing 128 bits
 * of their digest are, for this purpose, impossible. A key that is not a digest is digested first.
 */
public final class Sha256Set {
    private static final int HEX_DIGITS = 64;

    private long[] table = new long[2 * 1024];
    private int size;
    private boolean hasZero;

    /** Adds {@code sha256}; true if it was not in the set. */
    public boolean add(String sha256) {
        long[] key = key(sha256);
        long hi = key[0];
        long lo = key[1];
        if (hi == 0 && lo == 0) { // the empty slot's marker, kept aside
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2L > table.length / 2) table = rehashed(table, table.length * 2);
        if (!insert(table, hi, lo)) return false;
        size++;
        return true;
    }

    public int size() { return size + (hasZero ? 1 : 0); }

    private static boolean insert(long[] t, long hi, long lo) {
        int mask = t.length / 2 - 1;
        int i = (int) ((hi ^ (hi >>> 31) ^ lo) & mask);
        while (true) {
            long h = t[2 * i];
            long l = t[2 * i + 1];
            if (h == 0 && l == 0) {
                t[2 * i] = hi;
                t[2 * i + 1] = lo;
                return true;
            }
            if (h == hi && l == lo) return false;
            i = (i + 1) & mask;
        }
    }

    private static long[] rehashed(long[] old, int length) {
        long[] t = new long[length];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) insert(t, old[i], old[i + 1]);
        }
        return t;
    }

    private static long[] key(String s) {
        if (s.length() == HEX_DIGITS && HexFormat.isHexDigit(s.charAt(0))) {
            try {
                return new long[] {HexFormat.fromHexDigitsToLong(s, 0, 16), HexFormat.fromHexDigitsToLong(s, 16, 32)};
            } catch (IllegalArgumentException e) {
                // not hex after all: digest it below
            }
        }
        try {
            ByteBuffer d = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
            return new long[] {d.getLong(), d.getLong()};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
