package io.enginebench.loadgen.sim.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed generation request, chat or text completion.
 *
 * @param promptText   the text the prompt tokens come from (chat: the templated messages); null if ids were given
 * @param promptIds    token ids given directly, or null
 * @param maxTokens    requested maximum completion tokens (defaults applied)
 * @param schema       JSON schema of a structured-output request, or null
 */
record CompletionRequest(boolean chat, String model, String promptText, int[] promptIds, int maxTokens,
                         boolean maxTokensGiven, boolean stream, boolean includeUsage, boolean continuousUsage,
                         boolean ignoreEos, JsonNode schema) {
}
