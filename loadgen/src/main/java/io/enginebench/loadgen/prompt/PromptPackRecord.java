package io.enginebench.loadgen.prompt;

import io.enginebench.loadgen.client.GenerationRequest.ChatMessage;

import java.util.List;

/**
 * One line of a prompt pack ({@code prompts/<pack>.jsonl}).
 *
 * @param prompt   text for {@code /v1/completions}; null when {@code messages} is given
 * @param messages chat messages for {@code /v1/chat/completions}; null when {@code prompt} is given
 * @param schema   name of a JSON schema file in {@code prompts/schemas/} (without {@code .json})
 * @param tags     free labels; {@code prefix} marks the shared prefix of a shared-prefix pack
 */
public record PromptPackRecord(String id, String category, String prompt, List<ChatMessage> messages,
                               Integer targetInputTokens, Integer maxTokens, String schema, List<String> tags) {

    public static final String PREFIX_TAG = "prefix";

    public boolean isPrefix() { return tags != null && tags.contains(PREFIX_TAG); }

    public boolean isChat() { return messages != null && !messages.isEmpty(); }

    /** The text a token target applies to: the prompt, or the content of the last message. */
    public String mainText() {
        return isChat() ? messages.get(messages.size() - 1).content() : prompt;
    }
}
