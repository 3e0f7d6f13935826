package io.enginebench.loadgen.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enginebench.trace.TraceJson;
import io.enginebench.trace.UserFacingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds and loads prompt packs: {@code <name>.jsonl} files plus {@code schemas/<schema>.json}. Packs come from a
 * directory (the repository's {@code prompts/}, or {@code --prompts-dir}) or, when none is given, from the copy
 * bundled into the jar (listed in {@code prompts/index.txt}).
 */
public final class PromptPacks {
    private static final String BUNDLE = "prompts/";
    private final Source source;

    private interface Source {
        List<String> packNames() throws IOException;

        InputStream open(String relative) throws IOException;
    }

    private PromptPacks(Source source) { this.source = source; }

    public static PromptPacks fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new UserFacingException("prompt directory not found: " + dir);
        return new PromptPacks(new Source() {
            @Override public List<String> packNames() throws IOException {
                try (Stream<Path> files = Files.list(dir)) {
                    return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                            .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
                }
            }

            @Override public InputStream open(String relative) throws IOException {
                Path p = dir.resolve(relative);
                return Files.exists(p) ? Files.newInputStream(p) : null;
            }
        });
    }

    public static PromptPacks bundled() {
        ClassLoader cl = PromptPacks.class.getClassLoader();
        return new PromptPacks(new Source() {
            @Override public List<String> packNames() throws IOException {
                try (InputStream in = cl.getResourceAsStream(BUNDLE + "index.txt")) {
                    if (in == null) return List.of();
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(l -> l.endsWith(".jsonl")).map(l -> l.substring(0, l.length() - 6)).sorted()
                            .toList();
                }
            }

            @Override public InputStream open(String relative) {
                return cl.getResourceAsStream(BUNDLE + relative);
            }
        });
    }

    /** {@code ./prompts} when it exists (a checkout), else the bundled packs. */
    public static PromptPacks defaults() {
        Path local = Path.of("prompts");
        return Files.isDirectory(local) ? fromDirectory(local) : bundled();
    }

    public List<String> names() {
        try {
            return source.packNames();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<PromptPack> all() {
        return names().stream().map(this::load).toList();
    }

    public PromptPack load(String name) {
        ObjectMapper json = TraceJson.mapper();
        List<PromptPackRecord> records = new ArrayList<>();
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        try (InputStream in = source.open(name + ".jsonl")) {
            if (in == null) {
                throw new UserFacingException("unknown prompt pack '" + name + "' (bench list-prompt-packs shows "
                        + String.join(", ", names()) + ")");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                PromptPackRecord r;
                try {
                    r = json.readValue(line, PromptPackRecord.class);
                } catch (IOException e) {
                    throw new UserFacingException("prompt pack " + name + " line " + lineNo + ": not valid JSON");
                }
                if (r.id() == null || (r.prompt() == null && !r.isChat())) {
                    throw new UserFacingException("prompt pack " + name + " line " + lineNo
                            + ": needs an id and a prompt or messages");
                }
                records.add(r);
                if (r.schema() != null && !schemas.containsKey(r.schema())) schemas.put(r.schema(), schema(r.schema()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (records.isEmpty()) throw new UserFacingException("prompt pack " + name + " is empty");
        return new PromptPack(name, List.copyOf(records), Map.copyOf(schemas));
    }

    private JsonNode schema(String schemaName) throws IOException {
        try (InputStream in = source.open("schemas/" + schemaName + ".json")) {
            if (in == null) throw new UserFacingException("schema not found: prompts/schemas/" + schemaName + ".json");
            return TraceJson.mapper().readTree(in);
        }
    }
}
