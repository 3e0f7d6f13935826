package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.trace.UserFacingException;

/**
 * OpenAI's own API and servers that implement only its surface: no {@code ignore_eos}, no tokenizer, no version;
 * structured output only on chat; health is "the model list answers".
 */
public final class OpenAiAdapter extends OpenAiCompatibleAdapter {
    @Override
    public EngineKind kind() { return EngineKind.OPENAI; }

    @Override
    protected boolean supportsIgnoreEos() { return false; }

    @Override
    protected void addCompletionsSchema(ObjectNode body, JsonNode schema) {
        throw new UserFacingException("engine kind openai supports structured output only on the chat endpoint");
    }

    @Override
    public String healthPath() { return "/v1/models"; }
}
