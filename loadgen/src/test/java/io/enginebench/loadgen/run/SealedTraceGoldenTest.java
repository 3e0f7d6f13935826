package io.enginebench.loadgen.run;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.trace.PromptRecord;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import io.enginebench.trace.RunManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealed trace of small seeded runs against {@link FakeEngine}, every column that does not depend on the clock or
 * the run id, compared with {@code golden/sealed-trace.txt}: written by {@link #main} with the runner that kept every
 * record in memory, so the runner that streams them must seal the same rows (requests by index, prompts by digest,
 * the manifest's outcomes).
 */
class SealedTraceGoldenTest {
    private static final String GOLDEN = "golden/sealed-trace.txt";

    @TempDir
    Path out;

    @Test
    void streamingRecordsSealsTheSameTraceAsKeepingThem() throws Exception {
        String expected;
        try (var in = SealedTraceGoldenTest.class.getClassLoader().getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(dump(out)).isEqualTo(expected);
    }

    /** Writes the golden file: {@code main(path)} (run with the classes of the runner to compare against). */
    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(args[0]), dump(Files.createTempDirectory("sealed-trace")));
        System.exit(0);
    }

    static String dump(Path out) throws Exception {
        StringBuilder b = new StringBuilder();
        dump(b, out, "throughput_ramp", new ScenarioOverrides(12, List.of(2, 3), null, 16, null, null, 3, null, null));
        dump(b, out, "structured_generation_speed",
                new ScenarioOverrides(6, List.of(3), null, null, null, null, 0, null, null));
        dump(b, out, "prefix_sharing_benefit", new ScenarioOverrides(4, List.of(2), null, 8, null, null, 2, null, null));
        return b.toString();
    }

    private static void dump(StringBuilder b, Path out, String scenario, ScenarioOverrides overrides)
            throws Exception {
        Scenario s = overrides.applyTo(ScenarioCatalog.standard().get(scenario));
        RunResult r = new ScenarioRunner(new FakeEngine(1, 4, true), PromptPacks.fromDirectory(Path.of("..", "prompts")),
                RunOptions.defaults(out).withHardware("test-gpu"), null)
                .run(s, new EngineTarget(EngineKind.VLLM, null, "http://127.0.0.1:8000/", "m", null),
                        LoadControl.standard()).get(0);
        RunFolder folder = new RunFolder(r.runDir());
        RunManifest m = folder.readManifest();
        b.append("# ").append(scenario).append(": status ").append(m.status()).append(", outcomes ")
                .append(m.outcomes()).append('\n');
        List<RequestRecord> requests = new ArrayList<>(folder.readRequests());
        requests.sort(Comparator.comparingLong(RequestRecord::requestIndex));
        for (RequestRecord x : requests) {
            b.append(String.join("|", List.of(String.valueOf(x.requestIndex()), x.phase(),
                    String.valueOf(x.levelIndex()), String.valueOf(x.concurrency()), String.valueOf(x.targetRate()),
                    String.valueOf(x.arm()), x.promptId(), x.promptCategory(), x.endpoint(),
                    String.valueOf(x.maxTokens()), String.valueOf(x.temperature()), String.valueOf(x.ignoreEos()),
                    x.structuredMode(), String.valueOf(x.chunkOffsetsNs().size()), String.valueOf(x.chunkTokens()),
                    String.valueOf(x.chunkTokensExact()), x.promptSha256(), String.valueOf(x.promptTokens()),
                    String.valueOf(x.completionTokens()), String.valueOf(x.cachedTokens()),
                    String.valueOf(x.usageReported()), String.valueOf(x.contentChunkCount()),
                    String.valueOf(x.outputChars()), String.valueOf(x.finishReason()), x.outcome(),
                    String.valueOf(x.httpStatus()), String.valueOf(x.error()), String.valueOf(x.structuredValid()),
                    String.valueOf(x.requestId().equals(m.runId() + "-" + x.requestIndex())))))
                    .append('\n');
        }
        List<PromptRecord> prompts = new ArrayList<>(folder.readPrompts());
        prompts.sort(Comparator.comparing(PromptRecord::promptSha256));
        for (PromptRecord p : prompts) {
            b.append("prompt|").append(p.promptSha256()).append('|').append(p.promptId()).append('|')
                    .append(p.endpoint()).append('|').append(p.text().length()).append('\n');
        }
        deleteRecursively(r.runDir());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
