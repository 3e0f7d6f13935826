package io.enginebench.loadgen.knownanswer;

import io.enginebench.loadgen.cli.LoadgenMainForTests;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's self-warm-up moves the JIT's work out of the measured data: {@code bench run} in a fresh JVM of its own
 * (compiled code would carry over within one) against a simulator in this JVM, with {@code -XX:+PrintCompilation}.
 * Before the warm-up's report line, which is printed once the JIT went quiet and before the first measured request, the
 * per-event decode path (SSE decoder, chunk parser) is compiled at the top tier. How much JIT time
 * that takes out of the first level is a speed figure, measured by {@code scripts/bench-perf closed-loop} and
 * {@code fidelity} (cold and warm), not bounded here: on a busy host the ratio swings with the compiler's queue.
 */
class ClientWarmupTest {
    /**
     * The per-event path's classes: each must have a method compiled at tier 4 (C2) before the first measured request.
     * (The per-request methods run once per 16 events; the top tier often inlines them into their callers instead.)
     */
    private static final List<String> HOT_PATH = List.of("io.enginebench.loadgen.sse.SseDecoder::",
            "io.enginebench.loadgen.openai.StreamChunkParser::");
    /** a PrintCompilation line: compile id, attribute flags, tier, method */
    private static final Pattern COMPILED = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s([0-4])\\s+(\\S+::\\S+)");

    @TempDir
    Path out;

    @Test
    void theWarmUpCompilesTheDecodePathAtTheTopTierBeforeTheFirstMeasuredRequest() throws Exception {
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.SMALL_2B).withSpeed(20))) {
            List<String> log = benchRun(sim, "auto");
            int boundary = indexOf(log, "client warm-up:");
            assertThat(boundary).as("the warm-up's report").isNotNegative();
            assertThat(topTierBefore(log, boundary)).as("classes with a method at tier 4 before the first request; "
                    + "the project's methods at tier 4 then: %s", topTierMethods(log, boundary)).containsAll(HOT_PATH);

            List<String> cold = benchRun(sim, "none");
            assertThat(indexOf(cold, "client warm-up:")).as("no warm-up with --client-warmup none").isNegative();
        }
    }

    private static int indexOf(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) return i;
        }
        return -1;
    }

    /** The {@link #HOT_PATH} classes with a method compiled at tier 4 in the first {@code lines} lines of the log. */
    private static Set<String> topTierBefore(List<String> log, int lines) {
        Set<String> classes = new TreeSet<>();
        for (String method : topTierMethods(log, lines)) {
            HOT_PATH.stream().filter(method::startsWith).forEach(classes::add);
        }
        return classes;
    }

    /** The project's methods compiled at tier 4 (and still in use) in the first {@code lines} lines of the log. */
    private static Set<String> topTierMethods(List<String> log, int lines) {
        Set<String> methods = new TreeSet<>();
        for (String line : log.subList(0, lines)) {
            if (line.contains("made not entrant")) continue;
            Matcher m = COMPILED.matcher(line);
            if (m.find() && m.group(1).equals("4") && m.group(2).startsWith("io.enginebench.")) methods.add(m.group(2));
        }
        return methods;
    }

    /** Runs {@code bench run} in a JVM of its own; returns its output with the JIT's compilation lines. */
    private List<String> benchRun(SimServer sim, String mode) throws Exception {
        Path dir = Files.createDirectories(out.resolve(mode));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"),
                LoadgenMainForTests.class.getName(),
                "--scenario", "throughput_ramp", "--concurrency", "16", "--requests", "96", "--warmup", "5",
                "--max-tokens", "32", "--base-url", sim.baseUrl(), "--kind", "sim", "--variant", "vllm",
                "--model", sim.config().modelName(), "--prompts-dir", Path.of("..", "prompts").toString(),
                "--output", dir.toString(), "--quiet", "--hardware", "test", "--client-warmup", mode)
                .redirectErrorStream(true).redirectOutput(dir.resolve("bench-run.log").toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("bench run --client-warmup %s ended", mode).isTrue();
        List<String> log = Files.readAllLines(dir.resolve("bench-run.log"));
        String tail = String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size()));
        assertThat(p.exitValue()).as(tail).isZero();
        // the closed loop's hand-off, printed under the level table as the manifest keeps it
        assertThat(log).anyMatch(l -> l.contains("client hand-off (slot freed -> next request written): L0 c=16 p50 "));
        List<Path> runs;
        try (Stream<Path> s = Files.list(dir)) {
            runs = s.filter(Files::isDirectory).toList();
        }
        assertThat(runs).hasSize(1);
        // the warm-up/measure boundary is a measured property: the JIT's time during each measured level
        RunManifest m = new RunFolder(runs.get(0)).readManifest();
        assertThat(m.clientSelfCheck().levels()).isNotEmpty()
                .allSatisfy(level -> assertThat(level.jitMs()).isNotNull().isNotNegative());
        return log;
    }
}
