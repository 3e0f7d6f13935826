package io.enginebench.loadgen.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launch profiles in {@code deploy/}: every profile and every compose service of the same variant start the engine
 * with the same engine flags, every variable in them is expanded, and every variant the docs name has a profile.
 */
class DeployProfilesTest {
    private static final Path DEPLOY = Path.of("../deploy");
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the engine listens and which model it serves differ between the two launchers by design. */
    private static final Set<String> PLACEMENT_FLAGS = Set.of("--host", "--port", "--model", "--model-path");
    /** Exported by the matrix runner to every start/stop command (EngineLifecycle). */
    private static final Set<String> EXPORTED = Set.of("MODEL", "PORT");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern DOC_VARIANT = Pattern.compile("`((?:vllm|sglang|llamacpp)(?:-[a-z0-9]+)*)`");

    private static Map<String, EngineProfile> profiles;
    private static Map<String, String> composeCommands;

    @BeforeAll
    static void load() throws IOException {
        profiles = new TreeMap<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("profiles"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                EngineProfile p = EngineProfile.read(f);
                profiles.put(p.variant(), p);
            }
        }
        composeCommands = new TreeMap<>();
        JsonNode services = YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile()).path("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            composeCommands.put(s.getKey(), s.getValue().path("command").asText());
        }
        assertThat(profiles).isNotEmpty();
        assertThat(composeCommands).isNotEmpty();
    }

    @Test
    void sameVariantGetsTheSameEngineFlagsInProfileAndCompose() {
        assertThat(composeCommands.keySet()).isEqualTo(profiles.keySet());
        for (var e : profiles.entrySet()) {
            String variant = e.getKey();
            assertThat(engineFlags(e.getValue().startCommand()))
                    .as("engine flags of profile %s vs compose service %s", variant, variant)
                    .isEqualTo(engineFlags(composeCommands.get(variant)));
        }
    }

    @Test
    void sglangAlwaysStartsWithItsMetricsEndpoint() {
        profiles.forEach((variant, p) -> {
            if (!"sglang".equals(p.kind())) return;
            assertThat(engineFlags(p.startCommand())).as("profile %s", variant).containsKey("--enable-metrics");
            assertThat(engineFlags(composeCommands.get(variant))).as("compose %s", variant)
                    .containsKey("--enable-metrics");
        });
    }

    @Test
    void everyVariableInAProfileIsExpandedByTheShell() {
        profiles.forEach((variant, p) -> {
            for (String command : new String[] {p.startCommand(), p.stopCommand()}) {
                if (command == null) continue;
                assertThat(singleQuotedVariables(command)).as("%s: variables inside single quotes stay literal under sh -c",
                        variant).isEmpty();
                assertThat(undefinedVariables(command)).as("%s: variables neither exported nor defaulted", variant)
                        .isEmpty();
            }
        });
    }

    @Test
    void everyVariableInComposeHasADefault() {
        composeCommands.forEach((service, command) ->
                assertThat(undefinedVariables(command)).as("compose service %s", service).isEmpty());
    }

    @Test
    void everyVariantTheDocsNameHasAProfile() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Path doc : List.of(Path.of("../README.md"), Path.of("../docs/SCENARIOS.md"))) {
            for (String line : Files.readAllLines(doc)) {
                if (!line.toLowerCase().contains("variant")) continue;
                Matcher m = DOC_VARIANT.matcher(line);
                while (m.find()) named.add(m.group(1));
            }
        }
        assertThat(named).contains("vllm-eagle3", "sglang-ngram");
        assertThat(profiles.keySet()).containsAll(named);
    }

    @Test
    void theCheckerSeesTheDefectsItIsFor() {
        String quoted = "vllm serve ${MODEL} --speculative-config '{\"model\":\"${DRAFT_MODEL}\"}'";
        assertThat(singleQuotedVariables(quoted)).containsExactly("DRAFT_MODEL");
        String escaped = "x --c \"{\\\"model\\\": \\\"${D:-a/b}\\\"}\"";
        assertThat(singleQuotedVariables(escaped)).isEmpty();
        assertThat(engineFlags(escaped)).isEqualTo(Map.of("--c", Map.of("model", "${D:-a/b}")));
        assertThat(undefinedVariables("x --a ${DRAFT_MODEL} --b ${OK:-1} --c $PORT")).containsExactly("DRAFT_MODEL");
        assertThat(engineFlags("python -m sglang.launch_server --speculative-num-draft-tokens 4 --enable-metrics"))
                .isNotEqualTo(engineFlags("python3 -m sglang.launch_server --enable-metrics "
                        + "--speculative-num-draft-tokens 8"));
    }

    /** {@code --flag value} pairs (a flag followed by another flag has the value ""), JSON values parsed. */
    static Map<String, Object> engineFlags(String command) {
        List<String> words = words(command);
        Map<String, Object> flags = new TreeMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--")) continue;
            String value = i + 1 < words.size() && !words.get(i + 1).startsWith("--") ? words.get(++i) : "";
            if (PLACEMENT_FLAGS.contains(w)) continue;
            flags.put(w, parsed(value));
        }
        return flags;
    }

    private static Object parsed(String value) {
        if (!value.startsWith("{")) return value;
        try {
            return JSON.readValue(value, Map.class);
        } catch (IOException e) {
            throw new AssertionError("flag value is not valid JSON: " + value, e);
        }
    }

    /** Shell words: quotes removed, the text inside them kept as it is (variables unexpanded). */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        boolean escaped = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (escaped) {
                cur.append(c);
                escaped = false;
            } else if (c == '\\' && quote != '\'') {
                escaped = true;
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(cur.toString());
        return out;
    }

    /** Names of variables that appear between single quotes (outside double quotes). */
    static List<String> singleQuotedVariables(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder single = new StringBuilder();
        char quote = 0;
        boolean escaped = false;
        for (char c : command.toCharArray()) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\' && quote != '\'') {
                escaped = true;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                if (quote == '\'') collectNames(single.toString(), out);
                single.setLength(0);
                quote = 0;
            } else if (quote == '\'') {
                single.append(c);
            }
        }
        return out;
    }

    /** Variables that the runner does not export and that have no {@code :-default}. */
    static List<String> undefinedVariables(String command) {
        List<String> out = new ArrayList<>();
        Matcher m = VARIABLE.matcher(command);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            boolean defaulted = m.group(2) != null && m.group(2).startsWith(":-");
            if (!EXPORTED.contains(name) && !defaulted) out.add(name);
        }
        return out;
    }

    private static void collectNames(String text, List<String> out) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) out.add(m.group(1) != null ? m.group(1) : m.group(3));
    }
}
