package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** SGLang: {@code json_schema} as a string on completions, version in {@code /get_server_info}, live state there too. */
public final class SglangAdapter extends OpenAiCompatibleAdapter {
    @Override
    public EngineKind kind() { return EngineKind.SGLANG; }

    @Override
    protected void addCompletionsSchema(ObjectNode body, JsonNode schema) {
        body.put("json_schema", schema.toString()); // SGLang's sampling parameter takes the schema as a JSON string
    }

    @Override
    public Optional<VersionSource> versionSource() { return Optional.of(new VersionSource("/get_server_info", "version")); }

    /** Recent SGLang versions accept vLLM's tokenize shape; older ones answer 404 and the count stays empty. */
    @Override
    public Optional<byte[]> tokenizeBody(String model, String text) {
        ObjectNode body = json.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.put("prompt", text);
        return Optional.of(bytes(body));
    }

    @Override
    public boolean hasServerInfo() { return true; }
}
