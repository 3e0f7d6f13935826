package io.enginebench.loadgen.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.loadgen.client.Endpoint;
import io.enginebench.loadgen.client.GenerationRequest.ChatMessage;
import io.enginebench.loadgen.scenario.PrefixMode;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds prompts to a token target. Short texts are extended with reference notes taken from a filler corpus (the
 * project's long-document pack) at a per-prompt offset, after the prompt's own text, so that two prompts never share
 * a prefix by accident; long texts are trimmed at a word boundary. A target counts the whole request as the engine
 * sees it: the built text gets the target minus the {@link PromptOverhead} (other messages, chat template). Sizes come
 * from the {@link TokenEstimator}; the run records what the engine actually counted ({@code usage.prompt_tokens}).
 */
public final class PromptBuilder {
    static final String NOTES_HEADER = "\n\nReference notes:\n";
    private static final int CALIBRATION_SAMPLE_CHARS = 2000;

    private final String corpus;
    private final TokenEstimator tokens;
    private final PromptOverhead overhead;

    /** With the chat template estimated: see {@link #PromptBuilder(String, TokenEstimator, PromptOverhead)}. */
    public PromptBuilder(String corpus, TokenEstimator tokens) {
        this(corpus, tokens, PromptOverhead.estimated(tokens));
    }

    public PromptBuilder(String corpus, TokenEstimator tokens, PromptOverhead overhead) {
        if (corpus == null || corpus.isBlank()) throw new IllegalArgumentException("filler corpus is empty");
        this.corpus = corpus.replaceAll("\\s+", " ").strip() + " ";
        this.tokens = tokens;
        this.overhead = overhead;
        // Calibrate on filler text up front, so every prompt (the first ones included) is built with the same ratio.
        for (int i = 0; i < TokenEstimator.CALIBRATION_CALLS; i++) {
            tokens.calibrate(filler(i * 7919, CALIBRATION_SAMPLE_CHARS));
        }
    }

    /**
     * @param target   tokens to reach, or null to keep the record's text (its own target_input_tokens applies if set)
     * @param variant  distinguishes repeated uses of one record (different filler), e.g. the request's position
     */
    public PreparedPrompt build(PromptPackRecord r, Endpoint endpoint, Integer target, boolean structured,
                                JsonNode schema, int variant) {
        Integer goal = target != null ? target : r.targetInputTokens();
        String main = goal == null ? r.mainText()
                : fit(r.mainText(), Math.max(1, goal - overhead(r, endpoint)), offsetFor(r.id(), variant));
        return assemble(r, endpoint, main, structured, schema);
    }

    /**
     * A shared-prefix prompt: {@code prefixTokens} of prefix then the suffix record, about {@code totalTokens} overall.
     * {@link PrefixMode#SHARED} uses the pack's one prefix; {@link PrefixMode#UNIQUE} makes a distinct prefix of the
     * same length per {@code uniqueIndex} that differs from its very first token.
     */
    public PreparedPrompt buildPrefixed(PromptPackRecord prefix, PromptPackRecord suffix, PrefixMode mode,
                                        int totalTokens, int prefixTokens, int uniqueIndex, Endpoint endpoint) {
        String prefixText;
        if (mode == PrefixMode.SHARED) {
            prefixText = fit(prefix.mainText(), prefixTokens, 0);
        } else {
            String label = "Session " + Integer.toHexString(0x10000 + uniqueIndex * 2654435 % 0xFFFFF)
                    + "-" + uniqueIndex + ". ";
            prefixText = label + fillerTokens(prefixTokens - tokens.estimateTokens(label),
                    offsetFor("unique", uniqueIndex));
        }
        int rest = endpoint == Endpoint.CHAT ? overhead.chat(List.of(), "user") : 0;
        int suffixTokens = Math.max(1, totalTokens - prefixTokens - rest);
        String suffixText = fit(suffix.mainText(), suffixTokens, offsetFor(suffix.id(), uniqueIndex));
        return assemble(suffix, endpoint, prefixText + "\n\n" + suffixText, false, null);
    }

    /** Text of about {@code target} tokens: {@code base}, then reference notes, or {@code base} trimmed. */
    String fit(String base, int target, int fillerOffset) {
        int chars = tokens.charsFor(target);
        if (base.length() >= chars) return trimAtWord(base, chars);
        int room = chars - base.length() - NOTES_HEADER.length();
        if (room <= 0) return base;
        return base + NOTES_HEADER + filler(fillerOffset, room);
    }

    private String fillerTokens(int n, int offset) { return filler(offset, tokens.charsFor(Math.max(1, n))); }

    /** {@code n} characters of the corpus starting at {@code offset} (wrapping), cut back to a word boundary. */
    String filler(int offset, int n) {
        StringBuilder sb = new StringBuilder(n + 16);
        int start = Math.floorMod(offset, corpus.length());
        // start on a word boundary so the filler reads as text
        int space = corpus.indexOf(' ', start);
        int pos = space < 0 ? 0 : space + 1;
        while (sb.length() < n) {
            int take = Math.min(n - sb.length(), corpus.length() - pos);
            sb.append(corpus, pos, pos + take);
            pos = (pos + take) % corpus.length();
        }
        return trimAtWord(sb.toString(), n);
    }

    private static String trimAtWord(String s, int n) {
        if (s.length() <= n) return s.strip();
        int cut = s.lastIndexOf(' ', n);
        return (cut > n / 2 ? s.substring(0, cut) : s.substring(0, n)).strip();
    }

    /** Tokens of the request besides the record's main text, as {@link #assemble} will lay it out. */
    int overhead(PromptPackRecord r, Endpoint endpoint) {
        List<ChatMessage> context = r.isChat() ? r.messages().subList(0, r.messages().size() - 1) : List.of();
        if (endpoint == Endpoint.CHAT) {
            String role = r.isChat() ? r.messages().get(r.messages().size() - 1).role() : "user";
            return overhead.chat(context, role);
        }
        return overhead.text(completionsContext(context));
    }

    /** The other messages' text that a completions prompt carries before the main text. */
    private static String completionsContext(List<ChatMessage> context) {
        StringBuilder sb = new StringBuilder();
        context.forEach(m -> sb.append(m.content()).append("\n\n"));
        return sb.toString();
    }

    private int offsetFor(String id, int variant) {
        return Math.floorMod(id.hashCode() * 31 + variant * 104729, corpus.length());
    }

    private static PreparedPrompt assemble(PromptPackRecord r, Endpoint endpoint, String main, boolean structured,
                                           JsonNode schema) {
        String schemaName = structured ? r.schema() : null;
        JsonNode sentSchema = structured ? schema : null;
        if (endpoint == Endpoint.CHAT) {
            List<ChatMessage> messages = new ArrayList<>();
            if (r.isChat()) messages.addAll(r.messages().subList(0, r.messages().size() - 1));
            String role = r.isChat() ? r.messages().get(r.messages().size() - 1).role() : "user";
            messages.add(new ChatMessage(role, main));
            return PreparedPrompt.of(r.id(), r.category(), endpoint, null, List.copyOf(messages), r.maxTokens(),
                    schemaName, sentSchema);
        }
        String prompt = main;
        if (r.isChat() && r.messages().size() > 1) {
            prompt = completionsContext(r.messages().subList(0, r.messages().size() - 1)) + main;
        }
        return PreparedPrompt.of(r.id(), r.category(), Endpoint.COMPLETIONS, prompt, null, r.maxTokens(), schemaName,
                sentSchema);
    }
}
