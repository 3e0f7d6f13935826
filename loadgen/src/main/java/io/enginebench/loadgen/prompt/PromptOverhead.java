package io.enginebench.loadgen.prompt;

import io.enginebench.loadgen.client.GenerationRequest.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The tokens a request carries besides the text built to its target: the other messages of a chat (a system message)
 * and the engine's chat template around them. An engine that counts a whole chat ({@code EngineApi.countChatTokens})
 * is asked once per distinct context; otherwise the template is estimated per message.
 */
public final class PromptOverhead {
    /**
     * Estimated template tokens per message (role header and separators; Llama 3's is 5, ChatML's 4-5) and per chat
     * (begin-of-text and the assistant generation prompt), used when the engine cannot count a chat.
     */
    static final int TEMPLATE_TOKENS_PER_MESSAGE = 5;
    static final int TEMPLATE_TOKENS_PER_CHAT = 5;

    private final TokenEstimator tokens;
    private final Function<List<ChatMessage>, OptionalInt> chatCounter;
    private final Map<List<ChatMessage>, Integer> chatCache = new ConcurrentHashMap<>();
    private volatile boolean counterAvailable;

    /** @param chatCounter the engine's count of a whole chat, or null when it has none */
    public PromptOverhead(TokenEstimator tokens, Function<List<ChatMessage>, OptionalInt> chatCounter) {
        this.tokens = tokens;
        this.chatCounter = chatCounter;
        this.counterAvailable = chatCounter != null;
    }

    public static PromptOverhead estimated(TokenEstimator tokens) { return new PromptOverhead(tokens, null); }

    /**
     * Tokens of a chat whose last message ({@code lastRole}) is still empty: everything but that message's text.
     * Counted by the engine where it can (once per context), else estimated.
     */
    public int chat(List<ChatMessage> context, String lastRole) {
        List<ChatMessage> skeleton = new ArrayList<>(context);
        skeleton.add(new ChatMessage(lastRole, ""));
        List<ChatMessage> key = List.copyOf(skeleton);
        return chatCache.computeIfAbsent(key, this::countOrEstimate);
    }

    /** Tokens of text put before the built text of a completions prompt. */
    public int text(String context) {
        return context.isEmpty() ? 0 : tokens.estimateTokens(context);
    }

    public boolean exact() { return counterAvailable; }

    private int countOrEstimate(List<ChatMessage> skeleton) {
        if (counterAvailable) {
            OptionalInt n = chatCounter.apply(skeleton);
            if (n.isPresent()) return n.getAsInt();
            counterAvailable = false;   // the engine cannot count chats: estimate from then on
        }
        int sum = TEMPLATE_TOKENS_PER_CHAT;
        for (ChatMessage m : skeleton) sum += TEMPLATE_TOKENS_PER_MESSAGE + tokens.estimateTokens(m.content());
        return sum;
    }
}
