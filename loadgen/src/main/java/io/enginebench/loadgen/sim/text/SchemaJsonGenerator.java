package io.enginebench.loadgen.sim.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Random;

/**
 * Produces a JSON document that validates against a JSON schema, as a grammar-constrained engine would. Supported:
 * type object/string/integer/number/boolean/array/null (or a list of types), properties (all are emitted, so
 * {@code required} always holds), enum, const, items, minItems/maxItems, minimum/maximum, minLength/maxLength,
 * anyOf/oneOf (first branch), nested objects. String values come from the seeded word list.
 */
public final class SchemaJsonGenerator {
    private static final int MAX_DEPTH = 8;
    private final ObjectMapper mapper;
    private final TextGenerator text;

    public SchemaJsonGenerator(ObjectMapper mapper, TextGenerator text) {
        this.mapper = mapper;
        this.text = text;
    }

    public String generate(JsonNode schema) {
        try {
            return mapper.writeValueAsString(value(schema, 0));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode value(JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema == null || !schema.isObject()) return f.textNode(text.words(1));
        if (schema.has("const")) return schema.get("const");
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            JsonNode options = schema.get("enum");
            return options.get(random().nextInt(options.size()));
        }
        for (String branch : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.has(branch) && schema.get(branch).size() > 0) return value(schema.get(branch).get(0), depth);
        }
        String type = type(schema);
        switch (type) {
            case "object": {
                ObjectNode o = f.objectNode();
                JsonNode props = schema.get("properties");
                if (props != null && depth < MAX_DEPTH) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        o.set(e.getKey(), value(e.getValue(), depth + 1));
                    }
                }
                return o;
            }
            case "array": {
                ArrayNode a = f.arrayNode();
                int min = schema.path("minItems").asInt(1);
                int max = schema.path("maxItems").asInt(min + 2);
                int n = depth < MAX_DEPTH ? min + random().nextInt(Math.max(1, max - min + 1)) : 0;
                for (int i = 0; i < n; i++) a.add(value(schema.get("items"), depth + 1));
                return a;
            }
            case "integer": {
                long lo = schema.path("minimum").asLong(0);
                long hi = schema.path("maximum").asLong(lo + 1000);
                long v = lo + (long) Math.floor(random().nextDouble() * (hi - lo + 1));
                return f.numberNode(Math.min(hi, v));
            }
            case "number": {
                double lo = schema.path("minimum").asDouble(0);
                double hi = schema.path("maximum").asDouble(lo + 100);
                double v = lo + Math.round(random().nextDouble() * (hi - lo) * 100) / 100.0;
                return f.numberNode(Math.min(hi, v));
            }
            case "boolean":
                return f.booleanNode(random().nextBoolean());
            case "null":
                return f.nullNode();
            default: {
                int minLen = schema.path("minLength").asInt(0);
                int maxLen = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                StringBuilder s = new StringBuilder(text.words(1 + random().nextInt(3)));
                while (s.length() < minLen) s.append(' ').append(text.words(1));
                return f.textNode(s.length() > maxLen ? s.substring(0, maxLen) : s.toString());
            }
        }
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t == null) return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        if (t.isArray()) {
            for (JsonNode each : t) if (!"null".equals(each.asText())) return each.asText();
            return "null";
        }
        return t.asText();
    }

    private Random random() { return text.random(); }
}
