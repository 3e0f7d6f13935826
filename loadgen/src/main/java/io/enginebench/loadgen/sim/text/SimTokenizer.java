package io.enginebench.loadgen.sim.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's deterministic tokenizer, shared by /tokenize, prompt accounting and generated text.
 *
 * <p>Rules (stable; tests and docs depend on them): the text is cut into pieces. A piece is either
 * <ul>
 *   <li>an optional single leading space followed by up to 4 letters or digits (longer words continue in further
 *       pieces of up to 4 characters without a space: " hello" → " hell", "o"),</li>
 *   <li>or one other character (punctuation, symbol, newline, a space not followed by a letter or digit).</li>
 * </ul>
 * A token id is a stable hash of the piece into a 32000-entry vocabulary. Generated text is made of such pieces, so
 * re-tokenising a completion gives back exactly its completion token count.
 */
public final class SimTokenizer {
    public static final int VOCAB_SIZE = 32_000;
    private static final int MAX_WORD_PIECE = 4;

    public List<String> pieces(String text) {
        List<String> out = new ArrayList<>(text.length() / 3 + 1);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (c == ' ' && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                i++; // the space belongs to the word piece that follows
            }
            if (Character.isLetterOrDigit(text.charAt(i))) {
                int wordStart = i;
                while (i < n && Character.isLetterOrDigit(text.charAt(i)) && i - wordStart < MAX_WORD_PIECE) i++;
                out.add(text.substring(start, i));
                // continuation pieces of a long word
                while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                    int s = i;
                    while (i < n && Character.isLetterOrDigit(text.charAt(i)) && i - s < MAX_WORD_PIECE) i++;
                    out.add(text.substring(s, i));
                }
            } else {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    public int[] encode(String text) {
        List<String> p = pieces(text);
        int[] ids = new int[p.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = id(p.get(i));
        return ids;
    }

    public int count(String text) {
        return pieces(text).size();
    }

    /** FNV-1a over the piece's characters, folded into the vocabulary. */
    public static int id(String piece) {
        int h = 0x811c9dc5;
        for (int i = 0; i < piece.length(); i++) {
            h ^= piece.charAt(i);
            h *= 0x01000193;
        }
        return Math.floorMod(h, VOCAB_SIZE);
    }
}
