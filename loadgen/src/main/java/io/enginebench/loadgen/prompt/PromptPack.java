package io.enginebench.loadgen.prompt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A loaded prompt pack with the JSON schemas its records name.
 *
 * @param schemas schema name to schema, for every schema a record names
 */
public record PromptPack(String name, List<PromptPackRecord> records, Map<String, JsonNode> schemas) {

    /** The records that are prompts (not the shared prefix). */
    public List<PromptPackRecord> prompts() {
        return records.stream().filter(r -> !r.isPrefix()).toList();
    }

    /** The shared prefix of a shared-prefix pack. */
    public Optional<PromptPackRecord> prefix() {
        return records.stream().filter(PromptPackRecord::isPrefix).findFirst();
    }

    public String categories() {
        TreeSet<String> c = new TreeSet<>();
        prompts().forEach(r -> c.add(r.category()));
        return String.join(",", c);
    }

    public double meanPromptChars() {
        return prompts().stream().mapToInt(r -> r.mainText() == null ? 0 : r.mainText().length()).average().orElse(0);
    }
}
