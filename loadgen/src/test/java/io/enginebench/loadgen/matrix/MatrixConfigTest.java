package io.enginebench.loadgen.matrix;

import io.enginebench.loadgen.engine.EngineProfile;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixConfigTest {
    @Test
    void shippedExamplesParse() {
        MatrixConfig gpu = MatrixConfig.load(Path.of("..", "deploy", "matrix.example.yaml"));
        assertThat(gpu.engines()).extracting(EngineProfile::variant)
                .containsExactly("vllm", "vllm-ngram", "vllm-eagle3", "sglang", "sglang-ngram", "sglang-eagle3");
        assertThat(MatrixPlan.of(gpu).groups()).hasSize(gpu.models().size() * 6);

        MatrixConfig sim = MatrixConfig.load(Path.of("..", "deploy", "matrix.sim.yaml"));
        assertThat(sim.engines()).allSatisfy(e -> assertThat(e.startCommand()).contains("engine sim"));
        assertThat(ScenarioCellRunner.toOverrides(sim.overrides()).concurrency()).containsExactly(1, 4, 16);
    }

    @Test
    void engineMayReferenceAProfileFileAndOverrideFields(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), """
                kind: vllm
                variant: vllm-ngram
                base_url: http://127.0.0.1:8000
                start_command: vllm serve $MODEL
                """);
        Files.writeString(dir.resolve("m.yaml"), """
                matrix_id: t1
                scenarios: [single_request_latency]
                models: [m]
                engines:
                  - profile: p.yaml
                    cooldown_seconds: 3
                """);
        MatrixConfig c = MatrixConfig.load(dir.resolve("m.yaml"));
        EngineProfile e = c.engines().get(0);
        assertThat(e.variant()).isEqualTo("vllm-ngram");
        assertThat(e.name()).isEqualTo("vllm-ngram");
        assertThat(e.cooldownSeconds()).isEqualTo(3);
        assertThat(e.startCommand()).isEqualTo("vllm serve $MODEL");
        assertThat(c.iterations()).isEqualTo(1);
    }

    @Test
    void mistakesAreOneLineUserErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "matrix_id: x\nscenarios: [a]\nmodels: [m]\nengines: []\ntypo: 1\n");
        assertThatThrownBy(() -> MatrixConfig.load(dir.resolve("bad.yaml")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("unknown key 'typo'");
        Files.writeString(dir.resolve("empty.yaml"), "matrix_id: x\nscenarios: [a]\nmodels: [m]\nengines: []\n");
        assertThatThrownBy(() -> MatrixConfig.load(dir.resolve("empty.yaml")))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("at least one engine");
        assertThatThrownBy(() -> ScenarioCellRunner.toOverrides(Map.of("reqests", 3)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("reqests");
    }
}
