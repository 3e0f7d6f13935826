package io.enginebench.loadgen.prompt;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured (chat) prompts reach their token label as the engine counts the whole request — system message and chat
 * template included, not only the user text: exactly where the engine counts a chat (vLLM-style {@code /tokenize}
 * with {@code messages}), else with the template overhead estimated.
 */
class StructuredPromptTokensTest {
    /** The label tolerance of the data-quality rule prompt_tokens_off_label. */
    private static final double LABEL_TOLERANCE = 0.20;

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0} personality, kind {1}")
    @CsvSource({"VLLM, SIM", "VLLM, VLLM", "SGLANG, SGLANG"})
    void structuredChatRequestsCountTheirLabelledTokens(Personality personality, EngineKind kind) throws Exception {
        Scenario s = new ScenarioOverrides(8, List.of(4), null, 16, null, 1, 1, null, null)
                .applyTo(ScenarioCatalog.standard().get("structured_generation_speed"));
        int label = s.targetInputTokens();
        try (SimServer sim = SimServer.start(SimConfig.of(personality, ModelPreset.FIXED).withSpeed(10))) {
            EngineTarget target = new EngineTarget(kind, "sim", sim.baseUrl(), sim.config().modelName(), null);
            List<RunResult> results = new ScenarioRunner(new HttpEngineConnector(),
                    PromptPacks.fromDirectory(Path.of("..", "prompts")), RunOptions.defaults(out).withHardware("test"),
                    null).run(s, target, LoadControl.standard());
            List<RequestRecord> measured = new RunFolder(results.get(0).runDir()).readRequests().stream()
                    .filter(RequestRecord::isMeasured).filter(RequestRecord::isOk).toList();
            assertThat(measured).isNotEmpty().allMatch(r -> r.endpoint().equals("chat"));
            double[] counted = measured.stream().mapToDouble(RequestRecord::promptTokens).sorted().toArray();
            double median = counted[counted.length / 2];
            assertThat(Math.abs(median - label)).as("median prompt_tokens %s vs label %d", median, label)
                    .isLessThanOrEqualTo(LABEL_TOLERANCE * label);
        }
    }
}
