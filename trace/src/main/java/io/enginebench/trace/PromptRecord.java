package io.enginebench.trace;

/**
 * One row of the optional {@code prompts.parquet}: the exact text sent, so any run can be replayed.
 * {@code text} holds the prompt for {@code /v1/completions}, or the messages as JSON for chat.
 */
public record PromptRecord(String promptSha256, String promptId, String endpoint, String text) {
}
