package io.enginebench.loadgen.openai;


/**
 * What one {@code data:} event of an OpenAI-compatible stream says.
 *
 * @param text         {@code choices[].text} (completions) or {@code choices[].delta.content} (chat); "" when absent
 * @param finishReason the first non-null {@code finish_reason}, or null
 * @param usage        the event's {@code usage}, or null
 * @param error        the message of an {@code error} object inside the stream, or null
 */
public record StreamChunk(String text, String finishReason, Usage usage, String error) {
    public boolean hasText() { return !text.isEmpty(); }
}
