package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.engine.EngineProfile;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sim.config.SpecConfig;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadgenCliTest {

    private static String run(Object command, String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(sw));
        assertThat(cl.execute(args)).isZero();
        return sw.toString();
    }

    @Test
    void listScenariosPrintsAnAlignedTable() {
        String out = run(new ListScenariosCommand());
        assertThat(out).contains("scenario", "throughput_ramp", "concurrency 1,2,4,8,16,32,64", "unique+shared",
                "slo_search", "1024 (ignore_eos)");
        var lines = out.lines().toList();
        int col = lines.get(0).indexOf("load");
        assertThat(lines.subList(2, lines.size())).allMatch(l -> l.charAt(col - 1) == ' ');
    }

    @Test
    void listPromptPacks() {
        String out = run(new ListPromptPacksCommand(), "--prompts-dir", "../prompts");
        assertThat(out).contains("short", "shared_prefix", "recipe", "yes");
    }

    @Test
    void engineProfilesInDeployParse() throws Exception {
        try (var files = Files.list(Path.of("..", "deploy", "profiles"))) {
            var profiles = files.map(EngineProfile::read).toList();
            assertThat(profiles).extracting(EngineProfile::variant).contains("vllm", "vllm-ngram", "vllm-eagle3",
                    "sglang", "sglang-ngram", "sglang-eagle3");
            assertThat(profiles).allSatisfy(p -> assertThat(p.target().baseUrl())
                    .endsWith(p.kind().equals("vllm") ? ":8000" : ":30000"));
        }
    }

    @Test
    void badEngineInputIsAUserError(@TempDir Path tmp) throws Exception {
        RunCommand c = new RunCommand();
        new CommandLine(c).parseArgs("--scenario", "throughput_ramp");
        assertThatThrownBy(c::targets).isInstanceOf(UserFacingException.class).hasMessageContaining("--engine");
        RunCommand bad = new RunCommand();
        new CommandLine(bad).parseArgs("--scenario", "x", "--base-url", "nope", "--model", "m");
        assertThatThrownBy(bad::targets).isInstanceOf(UserFacingException.class).hasMessageContaining("--base-url");
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, "kind: vllm\nbase_url: http://127.0.0.1:8000\n");
        RunCommand missing = new RunCommand();
        new CommandLine(missing).parseArgs("--scenario", "x", "--engine", profile.toString());
        assertThatThrownBy(missing::targets).isInstanceOf(UserFacingException.class).hasMessageContaining("model");
    }

    @Test
    void repeatedEngineRunsTheScenarioOnEachInTurn(@TempDir Path tmp) throws Exception {
        SimConfig base = SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(20);
        try (SimServer a = SimServer.start(base); SimServer b = SimServer.start(base.withSpec(
                new SpecConfig(SpecConfig.Method.NGRAM, 4, 0.6)))) {
            Path profile = tmp.resolve("b.yaml");
            Files.writeString(profile, "kind: sim\nvariant: b\nbase_url: " + b.baseUrl() + "\nmodel: "
                    + base.modelName() + "\n");
            RunCommand c = new RunCommand();
            new CommandLine(c).parseArgs("--scenario", "single_request_latency", "--engine", a.baseUrl(),
                    "--kind", "sim", "--variant", "a", "--model", base.modelName());
            assertThat(c.targets()).extracting(t -> t.baseUrl()).containsExactly(a.baseUrl());
            RunCommand two = new RunCommand();
            new CommandLine(two).parseArgs("--scenario", "single_request_latency", "--engine", a.baseUrl(),
                    "--engine", profile.toString(), "--kind", "sim", "--variant", "a", "--model", base.modelName());
            assertThatThrownBy(two::targets).hasMessageContaining("--engine PROFILE or --model");
            // one URL engine and one profile engine need their model from different places: two profiles
            Path pa = tmp.resolve("a.yaml");
            Files.writeString(pa, "kind: sim\nvariant: a\nbase_url: " + a.baseUrl() + "\nmodel: "
                    + base.modelName() + "\n");
            int code = new CommandLine(new RunCommand()).execute("--scenario", "single_request_latency",
                    "--engine", pa.toString(), "--engine", profile.toString(), "--requests", "2", "--warmup", "0",
                    "--max-tokens", "8", "--output", tmp.resolve("out").toString(), "--quiet");
            assertThat(code).isZero();
            try (var runs = Files.list(tmp.resolve("out"))) {
                var variants = runs.map(d -> {
                    try {
                        return new io.enginebench.trace.RunFolder(d).readManifest().engine().variant();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).sorted().toList();
                assertThat(variants).containsExactly("a", "b");
            }
        }
    }

    @Test
    void unknownScenarioFailsBeforeTouchingTheEngine() {
        RunCommand c = new RunCommand(() -> { throw new AssertionError("engine touched"); });
        new CommandLine(c).parseArgs("--scenario", "nope", "--base-url", "http://127.0.0.1:1", "--model", "m");
        assertThatThrownBy(c::call).isInstanceOf(UserFacingException.class).hasMessageContaining("unknown scenario");
    }
}
