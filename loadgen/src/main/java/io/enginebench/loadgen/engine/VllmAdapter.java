package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enginebench.loadgen.client.GenerationRequest;

import java.util.List;
import java.util.Optional;

/** vLLM: per-chunk usage ({@code continuous_usage_stats}), {@code structured_outputs.json} on completions, {@code /version}. */
public class VllmAdapter extends OpenAiCompatibleAdapter {
    @Override
    public EngineKind kind() { return EngineKind.VLLM; }

    @Override
    protected void addStreamOptions(ObjectNode streamOptions) {
        streamOptions.put("continuous_usage_stats", true);
    }

    @Override
    protected void addCompletionsSchema(ObjectNode body, JsonNode schema) {
        body.putObject("structured_outputs").set("json", schema);
    }

    @Override
    public Optional<VersionSource> versionSource() { return Optional.of(new VersionSource("/version", "version")); }

    /** vLLM's {@code /tokenize} also takes {@code messages} and renders them with the model's chat template. */
    @Override
    public Optional<byte[]> chatTokenizeBody(String model, List<GenerationRequest.ChatMessage> messages) {
        ObjectNode body = json.createObjectNode();
        if (model != null) body.put("model", model);
        putMessages(body, messages);
        body.put("add_generation_prompt", true);
        return Optional.of(bytes(body));
    }

    /** vLLM's {@code POST /tokenize {model, prompt}} answers {@code {count, tokens, …}}. */
    @Override
    public Optional<byte[]> tokenizeBody(String model, String text) {
        return modelPromptTokenizeBody(model, text);
    }
}
