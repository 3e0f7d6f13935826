package io.enginebench.loadgen.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/terraform without a cloud account: the module parses with an HCL2 parser, every variable is declared,
 * described and documented, secrets are sensitive and have no default, the compose profiles it starts exist,
 * servers bind loopback, and cloud-init and every shell script of the repository pass shellcheck.
 */
class CloudDeployTest {
    private static final Path ROOT = Path.of("..");
    private static final Path MODULE = ROOT.resolve("deploy/terraform");
    private static final Pattern VAR_REF = Pattern.compile("\\bvar\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SECRET_NAME = Pattern.compile("token|secret|password|api_key");
    /** Terraform functions the parser does not know: stand-ins, so that it checks the syntax and the structure. */
    private static final List<String> TERRAFORM_FUNCTIONS = List.of("yamlencode", "file", "merge", "cidrhost", "can");

    private static Map<String, Object> module;
    private static Map<String, Map<String, Object>> variables;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path tf : tfFiles()) all.append(Files.readString(tf)).append('\n');
        HCLParser parser = new HCLParser();
        for (String f : TERRAFORM_FUNCTIONS) parser.registerFunction(f, args -> f + args);
        try {
            module = parser.parse(all.toString(), false);
        } catch (Exception e) {
            throw new AssertionError("deploy/terraform does not parse: " + e.getMessage(), e);
        }
        variables = (Map<String, Map<String, Object>>) module.get("variable");
        assertThat(variables).isNotEmpty();
    }

    private static List<Path> tfFiles() throws IOException {
        try (Stream<Path> files = Files.list(MODULE)) {
            return files.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
        }
    }

    /** The parser is lenient about what it cannot evaluate: it must at least have read every top-level block. */
    @Test
    @SuppressWarnings("unchecked")
    void theParserReadEveryBlock() throws IOException {
        Pattern block = Pattern.compile("(?m)^(variable|output|resource|data) \"([^\"]+)\"(?: \"([^\"]+)\")? \\{");
        for (Path tf : tfFiles()) {
            Matcher m = block.matcher(Files.readString(tf));
            while (m.find()) {
                Map<String, Object> kind = (Map<String, Object>) module.get(m.group(1));
                assertThat(kind).as("%s blocks of %s", m.group(1), tf).isNotNull();
                Object named = kind.get(m.group(2));
                if (m.group(3) != null) named = ((Map<String, Object>) named).get(m.group(3));
                assertThat(named).as("%s %s %s in %s", m.group(1), m.group(2), m.group(3), tf).isNotNull();
            }
        }
        assertThat((Map<String, Object>) module.get("resource")).containsKeys("aws_instance", "aws_security_group",
                "aws_s3_bucket", "aws_ssm_parameter");
    }

    @Test
    void everyVariableIsDeclaredDescribedAndDocumented() throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Path tf : tfFiles()) {
            Matcher m = VAR_REF.matcher(Files.readString(tf));
            while (m.find()) referenced.add(m.group(1));
        }
        assertThat(variables.keySet()).as("declared variables").containsAll(referenced);
        assertThat(referenced).as("every declared variable is used").containsAll(variables.keySet());
        String doc = Files.readString(ROOT.resolve("deploy/cloud.md"));
        variables.forEach((name, v) -> {
            assertThat(String.valueOf(v.get("description"))).as("description of %s", name).hasSizeGreaterThan(15);
            assertThat(doc).as("deploy/cloud.md documents %s", name).contains("`" + name + "`");
        });
    }

    @Test
    void secretsAreSensitiveAndHaveNoDefault() {
        List<String> secrets = variables.keySet().stream().filter(n -> SECRET_NAME.matcher(n).find()).toList();
        assertThat(secrets).contains("hf_token");
        variables.forEach((name, v) -> {
            boolean sensitive = Boolean.TRUE.equals(v.get("sensitive"));
            if (secrets.contains(name)) assertThat(sensitive).as("%s is sensitive", name).isTrue();
            if (sensitive) assertThat(v).as("secret %s has no default", name).doesNotContainKey("default");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeProfilesItStartsExist() throws IOException {
        ObjectMapper yaml = JsonMapper.builder(new YAMLFactory()).build();
        JsonNode services = yaml.readTree(ROOT.resolve("deploy/docker-compose.yml").toFile()).path("services");
        Set<String> profiles = new TreeSet<>();
        services.forEach(s -> s.path("profiles").forEach(p -> profiles.add(p.asText())));
        List<Object> started = (List<Object>) variables.get("engine_profiles").get("default");
        assertThat(started).hasSizeGreaterThanOrEqualTo(2); // mode multi starts one per GPU host
        assertThat(profiles).containsAll(started.stream().map(String::valueOf).toList());
        assertThat(Files.readString(MODULE.resolve("cloud-init.sh")))
                .contains("deploy/docker-compose.yml\" --profile \"$ENGINE_PROFILE\"");
    }

    @Test
    void serversBindLoopbackAndOnlyYourAddressIsAdmitted() throws IOException {
        String init = Files.readString(MODULE.resolve("cloud-init.sh"));
        assertThat(init).contains("bench serve --port 3000 --bind 127.0.0.1").doesNotContain("0.0.0.0");
        String main = Files.readString(MODULE.resolve("main.tf"));
        // ingress rules admit the operator's CIDR or the group's own members, nothing else
        Matcher ingress = Pattern.compile("ingress \\{(.*?)\\n  }", Pattern.DOTALL).matcher(main);
        int rules = 0;
        while (ingress.find()) {
            rules++;
            String rule = ingress.group(1);
            assertThat(rule.contains("cidr_blocks = [var.your_ip_cidr]") || rule.contains("self        = true"))
                    .as("ingress rule admits only your_ip_cidr or members: %s", rule).isTrue();
        }
        assertThat(rules).isEqualTo(2);
        assertThat(Files.readString(MODULE.resolve("outputs.tf"))).contains("-L 3000:127.0.0.1:3000");
    }

    @Test
    void theTokenNeverTravelsInUserData() throws IOException {
        String main = Files.readString(MODULE.resolve("main.tf"));
        assertThat(main).contains("type  = \"SecureString\"");
        assertThat(main.split("var\\.hf_token", -1)).as("var.hf_token is used once, by the SSM parameter").hasSize(2);
        assertThat(Files.readString(MODULE.resolve("cloud-init.sh"))).contains("aws ssm get-parameter");
    }

    @Test
    void cloudInitAndEveryShellScriptPassShellcheck() throws Exception {
        List<String> scripts = shellScripts();
        assertThat(scripts).contains("deploy/terraform/cloud-init.sh", "scripts/bench", ".ci/run");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=info"));
        command.addAll(scripts);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("shellcheck is not installed (Debian: apt-get install shellcheck; .ci/run does)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("shellcheck %s:%n%s", scripts, out).isZero();
    }

    /** Every tracked file whose first line is a shell's #!: the launcher, the CI entry point, cloud-init. */
    private static List<String> shellScripts() throws IOException {
        List<String> out = new ArrayList<>();
        for (String dir : List.of("scripts", ".ci", "deploy")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    List<String> head = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                    if (!head.isEmpty() && head.get(0).matches("#!.*\\b(ba)?sh\\b.*")) {
                        out.add(ROOT.relativize(f).toString().replace('\\', '/'));
                    }
                }
            }
        }
        return out;
    }
}
